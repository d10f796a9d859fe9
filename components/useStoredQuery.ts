import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * The live value of an extension storage item, held in TanStack Query's cache under
 * `['storage', key]`: read once, then kept current by the item's watcher (the service worker
 * writes the sync's progress and pause; another page may write the rest). Every component that
 * shows the same item shares one copy.
 */
export function useStoredQuery<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const queryClient = useQueryClient();
  const queryKey = ['storage', item.key];
  const query = useQuery({ queryKey, queryFn: () => item.getValue(), staleTime: Infinity });
  useEffect(() => {
    const key = ['storage', item.key];
    return item.watch((next) => {
      // A first read still on its way holds an older value: it must not land after this one.
      void queryClient.cancelQueries({ queryKey: key }).then(() => queryClient.setQueryData(key, next));
    });
  }, [item, queryClient]);
  return query.data;
}
