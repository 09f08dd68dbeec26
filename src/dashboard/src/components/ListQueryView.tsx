import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState, type EmptyStateProps } from './ui/EmptyState';
import { ErrorState } from './ui/ErrorState';
import { TableSkeleton } from './ui/Skeleton';

type ListQueryViewProps<T, E> = {
  query: UseQueryResult<T[], E>;
  /** Announced while the table skeleton shows. */
  loadingLabel?: string;
  /** Shown instead of the table skeleton, e.g. for a grid of cards. */
  loading?: ReactNode;
  errorTitle: string;
  /** A state for an expected error; undefined falls back to the error with its retry button. */
  renderError?: (error: E) => ReactNode;
  empty: EmptyStateProps;
  children: (items: T[]) => ReactNode;
};

/** A list query's loading, error and empty states, and its items once there are some. */
export function ListQueryView<T, E>({
  query,
  loadingLabel,
  loading,
  errorTitle,
  renderError,
  empty,
  children,
}: ListQueryViewProps<T, E>) {
  if (query.isPending) return loading ?? <TableSkeleton label={loadingLabel} />;
  if (query.isError) {
    const expected = renderError?.(query.error);
    if (expected !== undefined) return expected;
    return (
      <ErrorState
        title={errorTitle}
        error={query.error}
        onRetry={() => query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  if (query.data.length === 0) return <EmptyState {...empty} />;
  return children(query.data);
}
