// The order detail page (tracking issue) grew out of the wizard's simple order page and replaces it.
export { OrderDetailPage as Component } from '../../features/order-detail/components/order-detail-page.tsx';
