import { Plus } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useUpdateChatbot } from '../../../api/chatbots';
import type { Chatbot } from '../../../api/types';
import { SaveChangesFooter } from '../../../components/SaveChangesFooter';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { FormField } from '../../../components/ui/FormField';
import { Textarea } from '../../../components/ui/Textarea';
import { useToast } from '../../../components/ui/toast-context';
import { fieldErrorLookup, formErrorMessage } from '../../../lib/errors';
import { AgentEditor } from './AgentEditor';
import {
  type AgentDraft,
  definitionsOf,
  draftsOf,
  MAX_AGENTS,
  MAX_INSTRUCTIONS,
  move,
  newAgent,
  sameAgents,
  validateBehavior,
  withOneDefault,
} from './agents-form';

export function BehaviorTab({ chatbot, readOnly }: { chatbot: Chatbot; readOnly: boolean }) {
  const update = useUpdateChatbot(chatbot.id);
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [instructions, setInstructions] = useState(chatbot.instructions ?? '');
  const [agents, setAgents] = useState<AgentDraft[]>(() => draftsOf(chatbot.agentsList ?? []));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty =
    instructions !== (chatbot.instructions ?? '') ||
    !sameAgents(definitionsOf(agents), chatbot.agentsList ?? []);

  const edit = (change: (current: AgentDraft[]) => AgentDraft[]) => {
    if (update.isError) update.reset();
    setAgents((current) => withOneDefault(change(current)));
  };
  const changeAgent = (key: string, patch: Partial<AgentDraft>) =>
    edit((current) =>
      current.map((agent) => {
        if (agent.key === key) return { ...agent, ...patch };
        // Choosing a default unchecks the previous one.
        return patch.isDefault ? { ...agent, isDefault: false } : agent;
      }),
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateBehavior(instructions, agents);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    update.mutate(
      { instructions, agentsList: definitionsOf(agents) },
      { onSuccess: () => toast({ title: 'Behavior saved' }) },
    );
  };

  const error = fieldErrorLookup(errors, update.error);
  const formError = formErrorMessage(update.error);
  const listError = error('agentsList');
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader
          title="Behavior"
          description="What the chatbot is told before every conversation, in chat and on calls."
        />
        <CardBody className="space-y-6">
          {formError && <Alert variant="error">{formError}</Alert>}
          <FormField
            label="Instructions"
            error={error('instructions')}
            hint={`The system prompt: who the assistant is, what it may help with and its tone. ${instructions.length.toLocaleString()} / ${MAX_INSTRUCTIONS.toLocaleString()} characters.`}
          >
            {(control) => (
              <Textarea
                {...control}
                rows={10}
                value={instructions}
                disabled={readOnly}
                placeholder="You are the friendly assistant of Acme Dental. Help visitors book appointments…"
                onChange={(e) => {
                  if (update.isError) update.reset();
                  setInstructions(e.target.value);
                }}
              />
            )}
          </FormField>

          <section aria-labelledby="agents-title" className="space-y-4">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <div className="space-y-1">
                <h3
                  id="agents-title"
                  className="text-sm font-semibold text-slate-900 dark:text-slate-50"
                >
                  Agents
                </h3>
                <p className="max-w-2xl text-sm text-slate-500 dark:text-slate-400">
                  Optional specialists. The default agent starts each conversation and hands it to
                  another when the topic matches that agent's description. Without agents, the
                  instructions above answer everything.
                </p>
              </div>
              {!readOnly && (
                <Button
                  size="sm"
                  disabled={agents.length >= MAX_AGENTS}
                  title={agents.length >= MAX_AGENTS ? `At most ${MAX_AGENTS} agents` : undefined}
                  onClick={() => edit((current) => [...current, newAgent(current)])}
                >
                  <Plus className="size-3.5" aria-hidden="true" />
                  Add agent
                </Button>
              )}
            </div>
            {listError && (
              <p role="alert" className="text-sm font-medium text-red-600 dark:text-red-400">
                {listError}
              </p>
            )}
            {agents.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
                No agents: one assistant follows the instructions above.
              </p>
            ) : (
              <ol className="space-y-4">
                {agents.map((agent, index) => (
                  <li key={agent.key}>
                    <AgentEditor
                      draft={agent}
                      index={index}
                      count={agents.length}
                      disabled={readOnly}
                      error={(field) => error(`agentsList.${index}.${field}`)}
                      onChange={(patch) => changeAgent(agent.key, patch)}
                      onMove={(delta) => edit((current) => move(current, index, index + delta))}
                      onRemove={() => edit((current) => current.filter((a) => a.key !== agent.key))}
                    />
                  </li>
                ))}
              </ol>
            )}
          </section>
        </CardBody>
        {!readOnly && (
          <SaveChangesFooter
            dirty={dirty}
            pending={update.isPending}
            onDiscard={() => {
              setInstructions(chatbot.instructions ?? '');
              setAgents(draftsOf(chatbot.agentsList ?? []));
              setErrors({});
              update.reset();
            }}
          />
        )}
      </Card>
    </form>
  );
}
