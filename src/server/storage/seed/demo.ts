import { hashSecret } from '../../domain/passwords.ts';
import type { Db } from '../db.ts';
import { clients, tenants } from '../schema.ts';

export function seedDemoData(db: Db, seededAt: Date): void {
  void seededAt;
  db.transaction((tx) => {
    tx.insert(tenants)
      .values([
        { id: 1, code: 'ACME', name: 'ACME Corporation', approvalPolicy: { rules: [] } },
        { id: 2, code: 'GLOBEX', name: 'Globex Corporation', approvalPolicy: { rules: [] } },
      ])
      .run();
    tx.insert(clients)
      .values([
        { clientId: 'mobproc-web', name: 'MOBPROC Order Wizard (browser)', secretHash: null },
        { clientId: 'servicedesk-app', name: 'Service desk integration', secretHash: hashSecret('servicedesk-secret') },
      ])
      .run();
  });
}
