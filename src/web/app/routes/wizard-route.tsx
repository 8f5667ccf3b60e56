export { WizardPage as Component } from '../../features/wizard/components/wizard-page.tsx';
