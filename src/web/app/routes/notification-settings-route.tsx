export { NotificationSettingsPage as Component } from '../../features/notification-settings/components/notification-settings-page.tsx';
