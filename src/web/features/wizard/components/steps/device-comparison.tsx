import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useQueries } from '@tanstack/react-query';
import type { AcceptCatalogDeviceDetail as CatalogDeviceDetail } from '../../../../../contract/accept.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatMoney } from '../../../../lib/format.ts';
import { LoadError } from '../../../../components/query-states.tsx';
import { catalogDeviceQueryOptions } from '../../api/queries.ts';

/** How many devices can be compared at once: more columns do not fit a phone's width legibly. */
export const maxCompared = 3;

// Catalogs name their choices freely ("COLOR", "Colour", "Storage"); the id or label tells which row.
const isColour = (text: string | undefined) => /colou?r/i.test(text ?? '');
const isStorage = (text: string | undefined) => /storage|capacity/i.test(text ?? '');

/** The labels of one kind of choice of a device, with any surcharge; null when it has none. */
function choices(device: CatalogDeviceDetail, kind: (text: string | undefined) => boolean): string | null {
  const feature = device.deviceFeatures?.find((candidate) => kind(candidate.id) || kind(candidate.label));
  if (!feature || feature.options.length === 0) return null;
  return feature.options
    .map((option) => {
      const label = option.label ?? option.id;
      return option.price?.amount ? `${label} (+${formatMoney(option.price)})` : label;
    })
    .join(', ');
}

/**
 * The narrow layout: every row a grid of one column per device, its row header (the property)
 * across all of them on the line above, the empty corner and spacer cells left out. A word too
 * long for its column (a model name) breaks rather than push the width.
 */
const stacked = (columns: number) => ({
  display: 'block',
  '& thead, & tbody': { display: 'block' },
  '& tr': { display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, borderBottom: 1, borderColor: 'divider' },
  '& td, & th': { display: 'block', borderBottom: 'none', overflowWrap: 'anywhere', px: 1 },
  '& th[scope="row"]': { gridColumn: '1 / -1', pt: 1, pb: 0, fontWeight: 500 },
  '& td:empty': { display: 'none' },
});

type Row = { label: string; value: (device: CatalogDeviceDetail) => string | null };

/**
 * The rows of the comparison: price, carrier, storage and colours first (storage from the device's
 * storage choice, else its "Storage" specification), then every other specification any of the
 * devices names, in the order they first appear.
 */
function rowsFor(devices: CatalogDeviceDetail[]): Row[] {
  const specification = (device: CatalogDeviceDetail, label: string) =>
    device.specifications?.find((candidate) => (candidate.label ?? '') === label)?.value ?? null;
  const labels = [...new Set(devices.flatMap((device) => (device.specifications ?? []).map((candidate) => candidate.label ?? '')))].filter(
    (label) => label && !isStorage(label),
  );
  return [
    { label: 'Price', value: (device) => formatMoney(device.price) },
    { label: 'Maker', value: (device) => device.manufacturer?.name ?? device.manufacturer?.id ?? null },
    {
      label: 'Storage',
      value: (device) =>
        choices(device, isStorage) ??
        device.specifications?.find((candidate) => isStorage(candidate.label))?.value ??
        null,
    },
    { label: 'Colours', value: (device) => choices(device, isColour) },
    ...labels.map((label) => ({ label, value: (device: CatalogDeviceDetail) => specification(device, label) })),
  ];
}

/**
 * Two or three catalog devices side by side in a table: one column per device (its name is the
 * column header), one row per property (the property is the row header), "—" where a device does
 * not say. On a narrow screen the dialog fills it and each row stacks: the property on a line of
 * its own across the width, the devices' values in columns beneath, so nothing scrolls sideways
 * and no label is squeezed. The cells keep their table roles said out loud, since a table drawn
 * as a grid may lose them in some browsers. `onView` opens one device's details (to choose it).
 */
export function DeviceComparisonDialog({ deviceIds, onClose, onView }: { deviceIds: string[]; onClose: () => void; onView: (deviceId: string) => void }) {
  const client = useApiClient();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('sm'));
  const details = useQueries({ queries: deviceIds.map((id) => catalogDeviceQueryOptions(client, id)) });
  const failed = details.find((detail) => detail.isError);
  const devices = details.flatMap((detail) => (detail.data ? [detail.data] : []));
  const ready = devices.length === deviceIds.length;

  return (
    <Dialog open onClose={onClose} fullScreen={narrow} maxWidth="lg" fullWidth aria-labelledby="compare-dialog-title" scroll="paper">
      <DialogTitle id="compare-dialog-title">Compare devices</DialogTitle>
      <DialogContent dividers sx={{ px: narrow ? 0 : 3 }}>
        {failed?.error && <LoadError error={failed.error} onRetry={() => details.forEach((detail) => void detail.refetch())} what="these devices" />}
        {!ready && !failed && <Skeleton variant="rounded" height={240} role="status" aria-label="Loading the devices" />}
        {ready && (
          <TableContainer
            sx={{ overflowX: 'auto' }}
            // Focusable only where it scrolls sideways, so the keyboard can scroll it.
            tabIndex={narrow ? undefined : 0}
            role="region"
            aria-label={narrow ? 'Comparison table' : 'Comparison table, scrolls sideways'}
          >
            <Table size="small" role="table" sx={narrow ? stacked(devices.length) : { minWidth: 120 + devices.length * 150, '& th[scope="row"]': { position: 'sticky', left: 0, bgcolor: 'background.paper', zIndex: 1 } }}>
              <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                {devices.map((device) => (device.vendor ? `${device.name} on ${device.vendor.name}` : device.name)).join(', ')} compared
              </caption>
              <TableHead role="rowgroup">
                <TableRow role="row">
                  <TableCell component="td" role="cell" sx={{ width: 120 }} />
                  {devices.map((device) => (
                    <TableCell key={device.id} component="th" scope="col" role="columnheader" sx={{ fontWeight: 600, verticalAlign: 'top' }}>
                      {device.name}
                      {/* The same model is sold by several carriers, at different prices. */}
                      {device.vendor && (
                        <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>
                          on {device.vendor.name}
                        </Typography>
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody role="rowgroup">
                {rowsFor(devices).map((row) => (
                  <TableRow key={row.label} role="row">
                    <TableCell component="th" scope="row" role="rowheader" sx={{ color: 'text.secondary', verticalAlign: 'top' }}>
                      {row.label}
                    </TableCell>
                    {devices.map((device) => (
                      <TableCell key={device.id} role="cell" sx={{ verticalAlign: 'top' }}>
                        {row.value(device) ?? '—'}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
                <TableRow role="row">
                  <TableCell component="td" role="cell" />
                  {devices.map((device) => (
                    <TableCell key={device.id} role="cell">
                      <Button variant="outlined" size="small" onClick={() => onView(device.id)} aria-label={`Choose ${device.name}${device.vendor ? ` on ${device.vendor.name}` : ''}…`}>
                        Choose…
                      </Button>
                    </TableCell>
                  ))}
                </TableRow>
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
