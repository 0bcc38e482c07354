// The wire protocol definitions we serve: tfplugin6 (protocol 6.10, trimmed to the RPCs and fields this
// provider uses: what OpenTofu 1.6 and Terraform 1.11 call, plus GetMetadata, resource identity and list
// resources of 6.9/6.10; only field numbers matter on the wire) and the go-plugin side services. Kept as text so the esbuild
// bundle needs no files beside it.

export const TFPLUGIN6_PROTO = `
syntax = "proto3";
package tfplugin6;

message DynamicValue { bytes msgpack = 1; bytes json = 2; }

message Diagnostic {
  enum Severity { INVALID = 0; ERROR = 1; WARNING = 2; }
  Severity severity = 1;
  string summary = 2;
  string detail = 3;
  AttributePath attribute = 4;
}

message AttributePath {
  message Step {
    oneof selector {
      string attribute_name = 1;
      string element_key_string = 2;
      int64 element_key_int = 3;
    }
  }
  repeated Step steps = 1;
}

message StopProvider {
  message Request {}
  message Response { string Error = 1; }
}

message RawState { bytes json = 1; map<string, string> flatmap = 2; }

enum StringKind { PLAIN = 0; MARKDOWN = 1; }

message Schema {
  message Block {
    int64 version = 1;
    repeated Attribute attributes = 2;
    repeated NestedBlock block_types = 3;
    string description = 4;
    StringKind description_kind = 5;
    bool deprecated = 6;
  }
  message Attribute {
    string name = 1;
    bytes type = 2;
    string description = 3;
    bool required = 4;
    bool optional = 5;
    bool computed = 6;
    bool sensitive = 7;
    StringKind description_kind = 8;
    bool deprecated = 9;
  }
  message NestedBlock {
    enum NestingMode { INVALID = 0; SINGLE = 1; LIST = 2; SET = 3; MAP = 4; GROUP = 5; }
    string type_name = 1;
    Block block = 2;
    NestingMode nesting = 3;
    int64 min_items = 4;
    int64 max_items = 5;
  }
  int64 version = 1;
  Block block = 2;
}

message ResourceIdentitySchema {
  message IdentityAttribute {
    string name = 1;
    bytes type = 2;
    bool required_for_import = 3;
    bool optional_for_import = 4;
    string description = 5;
  }
  int64 version = 1;
  repeated IdentityAttribute identity_attributes = 2;
}

message ResourceIdentityData { DynamicValue identity_data = 1; }

message ServerCapabilities {
  bool plan_destroy = 1;
  bool get_provider_schema_optional = 2;
  bool move_resource_state = 3;
}

service Provider {
  rpc GetMetadata(GetMetadata.Request) returns (GetMetadata.Response);
  rpc GetResourceIdentitySchemas(GetResourceIdentitySchemas.Request) returns (GetResourceIdentitySchemas.Response);
  rpc UpgradeResourceIdentity(UpgradeResourceIdentity.Request) returns (UpgradeResourceIdentity.Response);
  rpc ListResource(ListResource.Request) returns (stream ListResource.Event);
  rpc ValidateListResourceConfig(ValidateListResourceConfig.Request) returns (ValidateListResourceConfig.Response);
  rpc GetProviderSchema(GetProviderSchema.Request) returns (GetProviderSchema.Response);
  rpc ValidateProviderConfig(ValidateProviderConfig.Request) returns (ValidateProviderConfig.Response);
  rpc ValidateResourceConfig(ValidateResourceConfig.Request) returns (ValidateResourceConfig.Response);
  rpc ValidateDataResourceConfig(ValidateDataResourceConfig.Request) returns (ValidateDataResourceConfig.Response);
  rpc UpgradeResourceState(UpgradeResourceState.Request) returns (UpgradeResourceState.Response);
  rpc ConfigureProvider(ConfigureProvider.Request) returns (ConfigureProvider.Response);
  rpc ReadResource(ReadResource.Request) returns (ReadResource.Response);
  rpc PlanResourceChange(PlanResourceChange.Request) returns (PlanResourceChange.Response);
  rpc ApplyResourceChange(ApplyResourceChange.Request) returns (ApplyResourceChange.Response);
  rpc ImportResourceState(ImportResourceState.Request) returns (ImportResourceState.Response);
  rpc ReadDataSource(ReadDataSource.Request) returns (ReadDataSource.Response);
  rpc StopProvider(StopProvider.Request) returns (StopProvider.Response);
}

message GetMetadata {
  message Request {}
  message Response {
    ServerCapabilities server_capabilities = 1;
    repeated Diagnostic diagnostics = 2;
    repeated DataSourceMetadata data_sources = 3;
    repeated ResourceMetadata resources = 4;
    repeated ListResourceMetadata list_resources = 7;
  }
  message DataSourceMetadata { string type_name = 1; }
  message ResourceMetadata { string type_name = 1; }
  message ListResourceMetadata { string type_name = 1; }
}

message GetProviderSchema {
  message Request {}
  message Response {
    Schema provider = 1;
    map<string, Schema> resource_schemas = 2;
    map<string, Schema> data_source_schemas = 3;
    repeated Diagnostic diagnostics = 4;
    Schema provider_meta = 5;
    ServerCapabilities server_capabilities = 6;
    map<string, Schema> list_resource_schemas = 9;
  }
}

message GetResourceIdentitySchemas {
  message Request {}
  message Response {
    map<string, ResourceIdentitySchema> identity_schemas = 1;
    repeated Diagnostic diagnostics = 2;
  }
}

message UpgradeResourceIdentity {
  message Request { string type_name = 1; int64 version = 2; RawState raw_identity = 3; }
  message Response { ResourceIdentityData upgraded_identity = 1; repeated Diagnostic diagnostics = 2; }
}

message ListResource {
  message Request {
    string type_name = 1;
    DynamicValue config = 2;
    bool include_resource_object = 3;
    int64 limit = 4;
  }
  message Event {
    ResourceIdentityData identity = 1;
    string display_name = 2;
    optional DynamicValue resource_object = 3;
    repeated Diagnostic diagnostic = 4;
  }
}

message ValidateListResourceConfig {
  message Request {
    string type_name = 1;
    DynamicValue config = 2;
    DynamicValue include_resource_object = 3;
    DynamicValue limit = 4;
  }
  message Response { repeated Diagnostic diagnostics = 1; }
}

message ValidateProviderConfig {
  message Request { DynamicValue config = 1; }
  message Response { repeated Diagnostic diagnostics = 2; }
}

message UpgradeResourceState {
  message Request { string type_name = 1; int64 version = 2; RawState raw_state = 3; }
  message Response { DynamicValue upgraded_state = 1; repeated Diagnostic diagnostics = 2; }
}

message ValidateResourceConfig {
  message Request { string type_name = 1; DynamicValue config = 2; }
  message Response { repeated Diagnostic diagnostics = 1; }
}

message ValidateDataResourceConfig {
  message Request { string type_name = 1; DynamicValue config = 2; }
  message Response { repeated Diagnostic diagnostics = 1; }
}

message ConfigureProvider {
  message Request { string terraform_version = 1; DynamicValue config = 2; }
  message Response { repeated Diagnostic diagnostics = 1; }
}

message ReadResource {
  message Request {
    string type_name = 1;
    DynamicValue current_state = 2;
    bytes private = 3;
    DynamicValue provider_meta = 4;
    ResourceIdentityData current_identity = 6;
  }
  message Response {
    DynamicValue new_state = 1;
    repeated Diagnostic diagnostics = 2;
    bytes private = 3;
    ResourceIdentityData new_identity = 5;
  }
}

message PlanResourceChange {
  message Request {
    string type_name = 1;
    DynamicValue prior_state = 2;
    DynamicValue proposed_new_state = 3;
    DynamicValue config = 4;
    bytes prior_private = 5;
    DynamicValue provider_meta = 6;
    ResourceIdentityData prior_identity = 8;
  }
  message Response {
    DynamicValue planned_state = 1;
    repeated AttributePath requires_replace = 2;
    bytes planned_private = 3;
    repeated Diagnostic diagnostics = 4;
    bool legacy_type_system = 5;
    ResourceIdentityData planned_identity = 7;
  }
}

message ApplyResourceChange {
  message Request {
    string type_name = 1;
    DynamicValue prior_state = 2;
    DynamicValue planned_state = 3;
    DynamicValue config = 4;
    bytes planned_private = 5;
    DynamicValue provider_meta = 6;
    ResourceIdentityData planned_identity = 7;
  }
  message Response {
    DynamicValue new_state = 1;
    bytes private = 2;
    repeated Diagnostic diagnostics = 3;
    bool legacy_type_system = 4;
    ResourceIdentityData new_identity = 5;
  }
}

message ImportResourceState {
  message Request { string type_name = 1; string id = 2; ResourceIdentityData identity = 4; }
  message ImportedResource {
    string type_name = 1;
    DynamicValue state = 2;
    bytes private = 3;
    ResourceIdentityData identity = 4;
  }
  message Response { repeated ImportedResource imported_resources = 1; repeated Diagnostic diagnostics = 2; }
}

message ReadDataSource {
  message Request { string type_name = 1; DynamicValue config = 2; DynamicValue provider_meta = 3; }
  message Response { DynamicValue state = 1; repeated Diagnostic diagnostics = 2; }
}
`;

export const GO_PLUGIN_PROTO = `
syntax = "proto3";
package plugin;

message Empty {}

service GRPCController { rpc Shutdown(Empty) returns (Empty); }

message StdioData {
  enum Channel { INVALID = 0; STDOUT = 1; STDERR = 2; }
  Channel channel = 1;
  bytes data = 2;
}

service GRPCStdio { rpc StreamStdio(Empty) returns (stream StdioData); }
`;
