import { expect } from '@open-wc/testing';
import { createContractBackend } from '../../src/api/contract-backend.js';
import { ApiError } from '../../src/api/errors.js';
import { listChannelsFromStatus } from '../../src/api/list-channels-from-status.js';
import { SandboxTenant } from '../helpers/sandbox.js';

describe('listChannelsFromStatus against the sandbox', () => {
  let tenant: SandboxTenant;

  beforeEach(() => {
    tenant = new SandboxTenant();
  });

  function backend() {
    return createContractBackend({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
  }

  async function paths(): Promise<string[]> {
    return (await tenant.requests()).map((request) => `${request.method} ${request.path}`);
  }

  it('asks the three status calls, and reads a 404 as none of that type', async () => {
    const whatsapp = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
    const instagram = await tenant.addChannel({ type: 'instagram', username: 'brand', sync_status: 'ERROR' });
    const channels = await listChannelsFromStatus(backend());
    expect(channels).to.deep.equal([whatsapp, instagram]);
    expect((await paths()).sort()).to.deep.equal([
      'GET /api/v1/channels/instagram/status',
      'GET /api/v1/channels/telegram/status',
      'GET /api/v1/channels/whatsapp/status',
    ]);
  });

  it('asks only the types given', async () => {
    const telegram = await tenant.addChannel({ type: 'telegram' });
    expect(await listChannelsFromStatus(backend(), { types: ['telegram'] })).to.deep.equal([telegram]);
    expect(await paths()).to.deep.equal(['GET /api/v1/channels/telegram/status']);
  });

  it('rejects with any other failure', async () => {
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/channels/telegram/status', status: 403 }],
    });
    try {
      await listChannelsFromStatus(backend());
      expect.fail('expected a rejection');
    } catch (error) {
      expect(error).to.be.instanceOf(ApiError);
      expect(error).to.include({ kind: 'forbidden', status: 403 });
    }
  });
});
