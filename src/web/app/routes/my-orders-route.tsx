export { MyOrdersPage as Component } from '../../features/my-orders/components/my-orders-page.tsx';
