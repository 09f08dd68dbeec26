import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The offline answers evaluation set (test/fixtures/eval): knowledge bases of
 * four businesses written as their owners would, typed questions in callers'
 * words with the fact each answer must contain, off-topic questions and
 * goodbyes. Tune on `dev`; `held-out` only measures.
 */
export const EVAL_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/eval',
);

export type EvalSplit = 'dev' | 'held-out';
export type EvalDocument = { file: string; title: string; content: string };
export type EvalQuestion = { split: EvalSplit; question: string; document: string; fact: string };
export type EvalOffTopic = { split: EvalSplit; question: string };
export type EvalKnowledgeBase = {
  name: string;
  documents: EvalDocument[];
  questions: EvalQuestion[];
  offTopic: EvalOffTopic[];
};
export type EvalGoodbye = { split: EvalSplit; text: string };

export function loadEvalKnowledgeBases(): EvalKnowledgeBase[] {
  return readdirSync(EVAL_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = path.join(EVAL_DIR, name);
      const documents = readdirSync(dir)
        .filter((file) => file.endsWith('.md'))
        .sort()
        .map((file) => {
          const content = readFileSync(path.join(dir, file), 'utf8');
          return { file, title: /^# (.+)$/m.exec(content)?.[1] ?? file, content };
        });
      const { questions, offTopic } = JSON.parse(
        readFileSync(path.join(dir, 'questions.json'), 'utf8'),
      ) as { questions: EvalQuestion[]; offTopic: EvalOffTopic[] };
      return { name, documents, questions, offTopic };
    });
}

export function loadEvalGoodbyes(): EvalGoodbye[] {
  return JSON.parse(readFileSync(path.join(EVAL_DIR, 'goodbyes.json'), 'utf8'));
}
