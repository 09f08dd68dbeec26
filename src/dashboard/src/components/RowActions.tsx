import { Pencil, Trash2 } from 'lucide-react';
import { Button } from './ui/Button';

type RowActionsProps = {
  /** Names the row in the buttons' accessible names: "Edit <name>", "Delete <name>". */
  name: string;
  onEdit: () => void;
  onDelete: () => void;
};

/** Edit and Delete icon buttons at the end of a table row. */
export function RowActions({ name, onEdit, onDelete }: RowActionsProps) {
  const actions = [
    { verb: 'Edit', Icon: Pencil, onClick: onEdit },
    { verb: 'Delete', Icon: Trash2, onClick: onDelete },
  ];
  return (
    <div className="flex items-center justify-end gap-1">
      {actions.map(({ verb, Icon, onClick }) => (
        <Button
          key={verb}
          variant="ghost"
          size="icon-sm"
          aria-label={`${verb} ${name}`}
          title={verb}
          onClick={onClick}
        >
          <Icon className="size-4" aria-hidden="true" />
        </Button>
      ))}
    </div>
  );
}
