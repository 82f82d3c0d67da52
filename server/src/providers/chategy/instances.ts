import { createHash, randomBytes } from 'node:crypto';
import type { InboxStore } from '../provider.js';
import { ChategyUpstreamError, type ChategyClient } from './client.js';

/** What the adapter keeps of a customer's Chategy instance. */
export interface InstanceRecord {
  id: number;
  /** Chategy's customer id of the instance: its webhooks and its WhatsApp room are named by it. */
  customer_id: number;
  token: string;
  idempotency_key: string;
}

/** The registration details Chategy requires of a new instance (unique per instance). */
export type InstanceContact = (customerId: string) => { email: string; phone: string };

/** A stable, unique placeholder contact per customer, for hosts that do not give one. */
export const placeholderContact: InstanceContact = (customerId) => {
  const digest = createHash('sha256').update(customerId).digest();
  const digits = String(digest.readBigUInt64BE() % 1_000_000_000n).padStart(9, '0');
  return { email: `inbox-${digest.toString('hex').slice(0, 16)}@example.invalid`, phone: `999${digits}` };
};

interface InstanceJson {
  id: number;
  customer_id: number;
  token: string;
  idempotency_key?: string;
  external_id?: string | null;
}

const instanceKey = (customerId: string) => `instance-of:${customerId}`;
const ownerKey = (chategyCustomerId: number) => `customer:${chategyCustomerId}`;

function password(): string {
  return `${randomBytes(9).toString('base64url')}a1`;
}

/**
 * One Chategy instance per customer, with the customer's id as its `external_id`, created on first use
 * and remembered in the store (so every server process and every restart finds the same one).
 */
export class Instances {
  private readonly creating = new Map<string, Promise<InstanceRecord>>();

  constructor(
    private readonly client: ChategyClient,
    private readonly store: InboxStore,
    private readonly contact: InstanceContact,
  ) {}

  async existing(customerId: string): Promise<InstanceRecord | undefined> {
    return (await this.store.customerValue(customerId, instanceKey(customerId))) as
      InstanceRecord | undefined;
  }

  async forCustomer(customerId: string): Promise<InstanceRecord> {
    const known = await this.existing(customerId);
    if (known) return known;
    let pending = this.creating.get(customerId);
    if (!pending) {
      pending = this.create(customerId).finally(() => this.creating.delete(customerId));
      this.creating.set(customerId, pending);
    }
    return pending;
  }

  /** Our customer whose instance has this Chategy customer id; undefined for an instance we did not make. */
  async owner(
    chategyCustomerId: number,
  ): Promise<{ customerId: string; instance: InstanceRecord } | undefined> {
    const found = await this.store.findByKey(ownerKey(chategyCustomerId));
    return found && { customerId: found.customerId, instance: found.value as InstanceRecord };
  }

  private async create(customerId: string): Promise<InstanceRecord> {
    let made: InstanceJson;
    try {
      const answer = await this.client.developer<{ instance: InstanceJson }>('POST', '/api/tmp/instances', {
        json: { instance: { ...this.contact(customerId), password: password(), external_id: customerId } },
      });
      made = answer.instance;
    } catch (error) {
      // Another process (or an earlier run that crashed before remembering it) made it already.
      if (!(error instanceof ChategyUpstreamError) || error.status !== 422) throw error;
      const found = await this.client.developer<{ instances: InstanceJson[] }>(
        'GET',
        '/developer/v1/instances',
        {
          query: { external_id: customerId },
        },
      );
      const first = found.instances[0];
      if (!first) throw error;
      made = first;
    }
    const record: InstanceRecord = {
      id: made.id,
      customer_id: made.customer_id,
      token: made.token,
      idempotency_key: made.idempotency_key ?? '',
    };
    await this.store.setCustomerValue(customerId, ownerKey(record.customer_id), record);
    await this.store.setCustomerValue(customerId, instanceKey(customerId), record);
    return record;
  }
}
