export { ConnectionSettingsPage as Component } from '../../features/connection-settings/components/connection-settings-page.tsx';
