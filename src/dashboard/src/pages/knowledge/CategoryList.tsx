import { FolderOpen, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import type { KnowledgeCategory } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Card, CardHeader } from '../../components/ui/Card';
import { Menu, MenuContent, MenuItem, MenuTrigger } from '../../components/ui/Menu';
import { cn } from '../../lib/cn';
import { focusRing } from '../../lib/styles';

type CategoryListProps = {
  categories: KnowledgeCategory[];
  selectedId: string;
  onSelect: (id: string) => void;
  /** Absent for read-only members. */
  manage?: {
    onRename: (category: KnowledgeCategory) => void;
    onDelete: (category: KnowledgeCategory) => void;
  };
};

export function CategoryList({ categories, selectedId, onSelect, manage }: CategoryListProps) {
  return (
    <Card className="self-start">
      <CardHeader title="Categories" className="py-3" />
      <nav aria-label="Knowledge categories" className="p-2">
        <ul className="space-y-0.5">
          {categories.map((category) => {
            const selected = category.id === selectedId;
            return (
              <li key={category.id} className="group flex items-center gap-1">
                <button
                  type="button"
                  aria-current={selected || undefined}
                  onClick={() => onSelect(category.id)}
                  className={cn(
                    'flex min-w-0 flex-1 items-center gap-2.5 rounded-md px-2.5 py-2 text-left text-sm motion-safe:transition-colors',
                    focusRing,
                    'focus-visible:ring-offset-0',
                    selected
                      ? 'bg-blue-50 font-medium text-blue-800 dark:bg-blue-950/60 dark:text-blue-200'
                      : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
                  )}
                >
                  <FolderOpen className="size-4 shrink-0 opacity-70" aria-hidden="true" />
                  <span className="min-w-0 flex-1 truncate">{category.name}</span>
                  <span
                    className="rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-600 dark:bg-slate-800 dark:text-slate-400"
                    title={`${category.documentCount} documents`}
                  >
                    {category.documentCount}
                    <span className="sr-only"> documents</span>
                  </span>
                </button>
                {manage && (
                  <Menu>
                    <MenuTrigger asChild>
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Actions for ${category.name}`}
                      >
                        <MoreHorizontal className="size-4" aria-hidden="true" />
                      </Button>
                    </MenuTrigger>
                    <MenuContent align="end">
                      <MenuItem onSelect={() => manage.onRename(category)}>
                        <Pencil className="size-4" aria-hidden="true" />
                        Rename
                      </MenuItem>
                      <MenuItem destructive onSelect={() => manage.onDelete(category)}>
                        <Trash2 className="size-4" aria-hidden="true" />
                        Delete
                      </MenuItem>
                    </MenuContent>
                  </Menu>
                )}
              </li>
            );
          })}
        </ul>
      </nav>
    </Card>
  );
}
