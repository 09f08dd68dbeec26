import { useMembers } from '../api/members';
import { Select } from './ui/Select';

const NOBODY = 'nobody';

type AssigneeSelectProps = {
  value: string | null;
  onChange: (userId: string | null) => void;
  /** The current assignee's name, shown while the members load or after one left. */
  currentName?: string;
  id?: string;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
};

/** Who does it: one of the company's active members, or nobody yet. */
export function AssigneeSelect({ value, onChange, currentName, ...props }: AssigneeSelectProps) {
  const members = useMembers();
  const active = (members.data ?? []).filter((member) => member.status === 'active');
  const options = [
    { value: NOBODY, label: 'Unassigned' },
    ...active.map((member) => ({ value: member.userId, label: member.name || member.email })),
  ];
  if (value && !options.some((option) => option.value === value)) {
    options.push({ value, label: currentName || 'Assigned' });
  }
  return (
    <Select
      value={value ?? NOBODY}
      onValueChange={(next) => onChange(next === NOBODY ? null : next)}
      options={options}
      {...props}
    />
  );
}
