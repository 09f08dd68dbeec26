import { Search, SearchX } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useChatbots } from '../../api/chatbots';
import { useKnowledgeSearch } from '../../api/knowledge';
import { Alert } from '../../components/ui/Alert';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { EmptyState } from '../../components/ui/EmptyState';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { Select } from '../../components/ui/Select';
import { errorMessage } from '../../lib/errors';
import { HighlightedText } from './HighlightedText';

// Radix Select items cannot have an empty value.
const allKnowledge = '__all__';
const modeLabels = { fulltext: 'Full-text', hybrid: 'Hybrid' } as const;

/** The heading path below the document, without the title it may start with. */
function sectionOf(heading: string | null, documentTitle: string): string | null {
  if (!heading) return null;
  const prefix = `${documentTitle} › `;
  const section = heading.startsWith(prefix) ? heading.slice(prefix.length) : heading;
  return section === documentTitle ? null : section;
}

/** Asks the knowledge base a question the way a chatbot would, and shows what it finds. */
export function SearchTester() {
  const search = useKnowledgeSearch();
  const chatbots = useChatbots();
  const [query, setQuery] = useState('');
  const [chatbotId, setChatbotId] = useState(allKnowledge);
  const [queryError, setQueryError] = useState<string>();
  const searched = search.variables?.query ?? '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) {
      setQueryError('Enter a question or a few words.');
      return;
    }
    setQueryError(undefined);
    search.mutate({
      query: query.trim(),
      ...(chatbotId === allKnowledge ? {} : { chatbotId }),
    });
  };

  const chatbotOptions = [
    { value: allKnowledge, label: 'All company knowledge' },
    ...(chatbots.data ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <Card>
      <CardHeader
        title="Search tester"
        description="See which passages a chatbot finds for a question before a customer asks it."
      />
      <CardBody className="space-y-5">
        <form
          onSubmit={onSubmit}
          noValidate
          className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_14rem_auto] sm:items-start"
        >
          <FormField label="Question" error={queryError}>
            {(control) => (
              <Input
                {...control}
                type="search"
                value={query}
                maxLength={500}
                placeholder="When are you open?"
                onChange={(e) => setQuery(e.target.value)}
              />
            )}
          </FormField>
          <FormField label="As chatbot">
            {(control) => (
              <Select
                {...control}
                value={chatbotId}
                options={chatbotOptions}
                disabled={chatbots.isPending}
                onValueChange={setChatbotId}
              />
            )}
          </FormField>
          <Button type="submit" variant="primary" pending={search.isPending} className="sm:mt-6">
            {!search.isPending && <Search className="size-4" aria-hidden="true" />}
            Search
          </Button>
        </form>

        {search.isError && <Alert variant="error">{errorMessage(search.error)}</Alert>}
        {search.isSuccess && (
          <div aria-live="polite" className="space-y-3">
            <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
              <span>
                {search.data.results.length}{' '}
                {search.data.results.length === 1 ? 'passage' : 'passages'} for “{searched}”
              </span>
              <Badge
                tone={search.data.mode === 'hybrid' ? 'violet' : 'neutral'}
                title={
                  search.data.mode === 'hybrid'
                    ? 'Full-text and semantic (embedding) search, fused by rank'
                    : 'Full-text search only: no embedding model is configured'
                }
              >
                {modeLabels[search.data.mode] ?? search.data.mode}
              </Badge>
            </div>
            {search.data.results.length === 0 ? (
              <EmptyState
                icon={SearchX}
                title="Nothing found"
                description="No passage matches. Add a document that answers it, or try other words."
              />
            ) : (
              <ol className="space-y-3">
                {search.data.results.map((result, index) => {
                  const section = sectionOf(result.heading, result.documentTitle);
                  return (
                    <li
                      key={result.chunkId}
                      className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
                    >
                      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                        <p className="min-w-0 text-sm font-medium text-slate-900 dark:text-slate-100">
                          <span className="mr-2 text-slate-400 tabular-nums">#{index + 1}</span>
                          {result.documentTitle}
                          {section && (
                            <span className="font-normal text-slate-500 dark:text-slate-400">
                              {' '}
                              › {section}
                            </span>
                          )}
                        </p>
                        <span className="text-xs tabular-nums text-slate-500 dark:text-slate-400">
                          score {result.score.toPrecision(3)}
                        </span>
                      </div>
                      <p className="mt-2 line-clamp-6 whitespace-pre-wrap text-sm text-slate-700 dark:text-slate-300">
                        <HighlightedText text={result.content} query={searched} />
                      </p>
                    </li>
                  );
                })}
              </ol>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
