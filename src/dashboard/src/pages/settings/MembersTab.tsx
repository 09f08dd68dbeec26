import { UserPlus, Users, X } from 'lucide-react';
import { useState } from 'react';
import { companyRoles } from '../../../../shared/domain';
import { useChangeMemberRole, useMembers, useRemoveMember } from '../../api/members';
import type { Member } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { DataTable } from '../../components/DataTable';
import { ListQueryView } from '../../components/ListQueryView';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { Select } from '../../components/ui/Select';
import { TD, TH, TR } from '../../components/ui/Table';
import { useToast } from '../../components/ui/toast-context';
import { useConfirmRemoval } from '../../components/use-confirm-removal';
import { errorMessage } from '../../lib/errors';
import { roleLabels } from '../../lib/labels';
import { InviteMemberDialog } from './InviteMemberDialog';

const roleOptions = companyRoles.map((role) => ({ value: role, label: roleLabels[role] }));

export function MembersTab() {
  const { isCompanyAdmin, user, activeCompany } = useSession();
  const members = useMembers();
  const changeRole = useChangeMemberRole();
  const remove = useRemoveMember();
  const toast = useToast();
  const [inviting, setInviting] = useState(false);

  const displayName = (m: Member) => m.name || m.email;
  const removal = useConfirmRemoval(remove, {
    variables: (member: Member) => member.userId,
    successTitle: (member) => `${displayName(member)} removed`,
  });

  const onRoleChange = (member: Member, value: string) => {
    const role = companyRoles.find((r) => r === value);
    if (!role || role === member.role) return;
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () =>
          toast({ title: `${displayName(member)} is now ${roleLabels[role].toLowerCase()}` }),
        onError: (error) =>
          toast({
            title: 'Could not change the role',
            description: errorMessage(error),
            variant: 'error',
          }),
      },
    );
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Company admins manage chatbots and members. Support agents work the inbox and calls.
        </p>
        {isCompanyAdmin && (
          <Button variant="primary" onClick={() => setInviting(true)}>
            <UserPlus className="size-4" aria-hidden="true" />
            Invite member
          </Button>
        )}
      </div>

      <ListQueryView
        query={members}
        loadingLabel="Loading members"
        errorTitle="Could not load members"
        empty={{
          icon: Users,
          title: 'No members yet',
          description: 'Invite your team to get started.',
        }}
      >
        {(items) => (
          <DataTable
            head={
              <>
                <TH>Name</TH>
                <TH>Email</TH>
                <TH>Role</TH>
                <TH>Status</TH>
              </>
            }
            withActions={isCompanyAdmin}
          >
            {items.map((member) => {
              const isSelf = member.userId === user.id;
              const rolePending =
                changeRole.isPending && changeRole.variables?.userId === member.userId;
              return (
                <TR key={member.userId}>
                  <TD className="font-medium text-slate-900 dark:text-slate-100">
                    <span className="flex items-center gap-2">
                      {member.name || <span className="text-slate-400">—</span>}
                      {isSelf && <Badge>You</Badge>}
                    </span>
                  </TD>
                  <TD>{member.email}</TD>
                  <TD>
                    {isCompanyAdmin ? (
                      <Select
                        aria-label={`Role of ${displayName(member)}`}
                        className="h-8 w-40"
                        value={member.role}
                        disabled={rolePending}
                        options={roleOptions}
                        onValueChange={(value) => onRoleChange(member, value)}
                      />
                    ) : (
                      roleLabels[member.role]
                    )}
                  </TD>
                  <TD>
                    {member.status === 'active' ? (
                      <Badge tone="green">Active</Badge>
                    ) : (
                      <Badge tone="amber">Invited</Badge>
                    )}
                  </TD>
                  {isCompanyAdmin && (
                    <TD className="text-right">
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Remove ${displayName(member)}`}
                        title="Remove from company"
                        onClick={() => removal.ask(member)}
                      >
                        <X className="size-4" aria-hidden="true" />
                      </Button>
                    </TD>
                  )}
                </TR>
              );
            })}
          </DataTable>
        )}
      </ListQueryView>

      {isCompanyAdmin && <InviteMemberDialog open={inviting} onOpenChange={setInviting} />}
      <ConfirmDialog
        {...removal.dialog}
        {...(removal.target?.status === 'invited'
          ? {
              title: `Revoke the invitation for ${displayName(removal.target)}?`,
              description: 'Their invite link stops working. You can invite them again later.',
              confirmLabel: 'Revoke invitation',
            }
          : {
              title: removal.target ? `Remove ${displayName(removal.target)}?` : 'Remove member?',
              description: `They lose access to ${activeCompany?.name ?? 'this company'} immediately. You can invite them again later.`,
              confirmLabel: 'Remove member',
            })}
      />
    </div>
  );
}
