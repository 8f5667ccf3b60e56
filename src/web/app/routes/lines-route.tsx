export { LinesPage as Component } from '../../features/lines/components/lines-page.tsx';
