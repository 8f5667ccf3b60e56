/** A person's own notification choices (extension, `GET`/`PUT /me/notification-settings`). */
import type { Db } from '../../storage/db.ts';
import { notificationSettings } from '../../storage/schema.ts';
import { rowWhere, statement } from '../../storage/statements.ts';

export type NotificationSettings = { email: boolean };

/** Whether this person gets milestone email; on unless they turned it off. */
export const emailEnabled = async (db: Db, employeeId: number): Promise<boolean> => (await rowWhere(db, notificationSettings, { employeeId }))?.email ?? true;

export const notificationSettingsOf = async (db: Db, employeeId: number): Promise<NotificationSettings> => ({ email: await emailEnabled(db, employeeId) });

export async function saveNotificationSettings(db: Db, employeeId: number, settings: NotificationSettings, now: Date): Promise<NotificationSettings> {
  await statement(
    db,
    `INSERT INTO notification_settings (employee_id, email, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (employee_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
  ).run(employeeId, settings.email ? 1 : 0, now.toISOString());
  return await notificationSettingsOf(db, employeeId);
}
