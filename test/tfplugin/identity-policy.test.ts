// When the provider sends resource identity: only to hosts that showed they speak it.
import { IdentityPolicy } from '../../lib/tfplugin/server/identity-policy';

describe('IdentityPolicy', () => {
  test('off until the host asks for identity schemas', () => {
    const p = new IdentityPolicy('OpenTofu');
    expect(p.enabled).toBe(false);
    p.schemasAsked();
    expect(p.enabled).toBe(true);
  });

  test('on when a request carries identity data, not for an empty identity message', () => {
    const p = new IdentityPolicy('Terraform or OpenTofu');
    p.requestCarried(undefined);
    p.requestCarried({});
    expect(p.enabled).toBe(false);
    p.requestCarried({ identity_data: { msgpack: new Uint8Array([0x80]) } });
    expect(p.enabled).toBe(true);
  });

  test.each([
    ['Terraform', '1.14.0', true],
    ['Terraform', '1.12.0-beta1', true],
    ['Terraform', '2.0.0', true],
    ['Terraform', '1.11.4', false],
    ['Terraform', '', false],
    ['OpenTofu', '1.12.0', false],
    ['OpenTofu', '1.6.2', false],
    ['Terraform or OpenTofu', '1.14.0', false],
  ] as const)('ConfigureProvider from %s %s: identity %s', (host, version, on) => {
    const p = new IdentityPolicy(host);
    p.configured(version);
    expect(p.enabled).toBe(on);
  });
});
