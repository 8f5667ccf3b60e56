import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { AcceptPageMeta as PageMeta } from '../../../../contract/accept.ts';
import { useSearchText } from '../../../lib/use-search-text.ts';
import { Pager } from '../../../components/pager.tsx';
import { LoadError } from '../../../components/query-states.tsx';

/**
 * A search box and a page offset for a server-paged catalog list. `search` is the trimmed text
 * 300 ms after the last key, if the contract takes it (else `problem` says why); `refine` sets a
 * filter and goes back to the first page.
 */
function useCatalogSearch() {
  const [searchText, setSearchText] = useState('');
  const [offset, setOffset] = useState(0);
  const { search, problem } = useSearchText(searchText);
  const refine = (change: () => void) => {
    change();
    setOffset(0);
  };
  return { searchText, setSearchText: (text: string) => refine(() => setSearchText(text)), search, problem, offset, setOffset, refine };
}

/** How a list looks: `what` names its items in plural ("devices") for labels and the pager; the placeholders' count, height (px) and grid width on wider screens. */
type CatalogLook = { what: string; skeleton: { count: number; height: number; size?: { sm?: number; lg?: number } } };

/**
 * One server-paged catalog list: its search box and page offset, the query they drive and the page
 * that query read. `options` builds the query from the debounced search (undefined while empty) and
 * the offset; `page` picks the list out of the answer and may drop items the step does not offer.
 * `items` is empty until the first page arrives.
 */
export function useCatalogList<TData, TKey extends QueryKey, TItem>(
  look: CatalogLook,
  options: (paging: { search: string | undefined; offset: number }) => UseQueryOptions<TData, Error, TData, TKey>,
  page: (data: TData) => { items: TItem[]; _meta: PageMeta },
) {
  const searcher = useCatalogSearch();
  const query = useQuery(options({ search: searcher.search || undefined, offset: searcher.offset }));
  const read = query.data === undefined ? undefined : page(query.data);
  return { ...look, searcher, query, items: read?.items ?? [], meta: read?._meta };
}

type CatalogList = ReturnType<typeof useCatalogList<unknown, QueryKey, unknown>>;

/**
 * One catalog list of the wizard (devices, plans, accessories): the step's problem, search and
 * filters, a skeleton while the first page loads, the load error with a retry, the empty case, the
 * items (`children`) and the pager.
 */
export function CatalogPicker({
  list,
  message,
  filters,
  empty,
  children,
}: {
  list: CatalogList;
  /** The step's problem (its own check or the server's), above the list. */
  message?: string | null;
  filters?: ReactNode;
  empty: string;
  children: ReactNode;
}) {
  const { what, searcher, query, skeleton, meta } = list;
  const count = list.items.length;
  return (
    <>
      {message && (
        <Alert severity="error" role="alert">
          {message}
        </Alert>
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', '& > *': { minWidth: 200 } }}>
        <TextField
          label={`Search ${what}`}
          type="search"
          size="small"
          value={searcher.searchText}
          onChange={(event) => searcher.setSearchText(event.target.value)}
          error={Boolean(searcher.problem)}
          helperText={searcher.problem}
        />
        {filters}
      </Stack>
      {query.isPending && (
        <Grid container spacing={skeleton.size ? 2 : 1} role="status" aria-label={`Loading ${what}`}>
          {Array.from({ length: skeleton.count }, (_, index) => (
            <Grid key={index} size={{ xs: 12, ...skeleton.size }}>
              <Skeleton variant="rounded" height={skeleton.height} />
            </Grid>
          ))}
        </Grid>
      )}
      {query.isError && query.error && <LoadError error={query.error} onRetry={() => void query.refetch()} what={`the ${what}`} />}
      {query.isSuccess && count === 0 && <Typography>{empty}</Typography>}
      {count > 0 && children}
      {query.isSuccess && meta && <Pager meta={meta} onOffset={searcher.setOffset} what={what} />}
    </>
  );
}
