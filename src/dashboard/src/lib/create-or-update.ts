type SaveMutation<V> = {
  mutate: (variables: V, options: { onSuccess: () => void }) => void;
  error: unknown;
  isPending: boolean;
};

/**
 * The save of a form that both creates and edits: with no item yet it creates one,
 * else it updates the item by id.
 */
export function createOrUpdate<TInput>(
  item: { id: string } | null,
  create: SaveMutation<TInput>,
  update: SaveMutation<TInput & { id: string }>,
) {
  const mutation = item ? update : create;
  return {
    error: mutation.error,
    isPending: mutation.isPending,
    save: (input: TInput, onSuccess: () => void) => {
      if (item) update.mutate({ id: item.id, ...input }, { onSuccess });
      else create.mutate(input, { onSuccess });
    },
  };
}
