// Runs in every test file: children a test started die after that test, children of beforeAll after the file.
import { killTracked } from '../helpers/processes';

afterEach(() => killTracked('test'));
afterAll(() => killTracked('file'));
