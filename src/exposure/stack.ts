// The stack file of `modelwatch exposure`: the user's workflows and the model each depends on.
// Parsed with a schema that reports every problem at once, each with its path. Pure: the
// caller reads the file.
//
//   workflows:
//     - name: support-chat
//       model: meta-llama/Llama-3.1-8B-Instruct   # a model id (or a model's exact name)
//       criticality: high                         # low | medium | high
//       notes: optional free text
import { parseDocument } from 'yaml';
import { z } from 'zod';

export const CRITICALITIES = ['low', 'medium', 'high'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export interface Workflow {
  name: string;
  model: string;
  criticality: Criticality;
  notes?: string;
}

const text = (what: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? 'required' : `expected ${what}`) })
    .trim()
    .min(1, 'must not be empty');

const workflow = z.strictObject({
  name: text('a name'),
  model: text('a model id'),
  criticality: z.enum(CRITICALITIES, { error: (i) => (i.input === undefined ? 'required' : `expected ${CRITICALITIES.join(', ')}`) }),
  notes: z.string().optional(),
});

const stackSchema = z.strictObject({
  workflows: z
    .array(workflow, { error: (i) => (i.input === undefined ? 'required' : 'expected a list of workflows') })
    .min(1, 'lists no workflow'),
});

export type StackResult = { ok: true; workflows: Workflow[] } | { ok: false; problems: string[] };

function formatPath(p: readonly PropertyKey[]): string {
  if (!p.length) return '(file)';
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/** YAML text → workflows, or every problem as `path: message`. A bare list is read as `workflows`. */
export function parseStack(source: string): StackResult {
  const doc = parseDocument(source, { prettyErrors: false });
  if (doc.errors.length) return { ok: false, problems: doc.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`) };
  const raw: unknown = doc.toJS();
  const input = Array.isArray(raw) ? { workflows: raw } : (raw ?? {});
  const parsed = stackSchema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        if (issue.code === 'invalid_type' && issue.path.length === 0) return '(file): expected a mapping with workflows';
        const msg =
          issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
        return `${formatPath(issue.path)}: ${msg}`;
      });
  problems.push(...duplicateNames(input));
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, workflows: parsed.data.workflows };
}

/** Two workflows with the same name (case-insensitive) would be indistinguishable in the answer. */
function duplicateNames(input: unknown): string[] {
  const list = (input as { workflows?: unknown }).workflows;
  if (!Array.isArray(list)) return [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((w: unknown, i) => {
    const name = w && typeof w === 'object' ? (w as { name?: unknown }).name : undefined;
    if (typeof name !== 'string' || !name.trim()) return;
    const first = seen.get(name.trim().toLowerCase());
    if (first !== undefined) problems.push(`workflows[${i}].name: "${name.trim()}" is also the name of workflows[${first}]`);
    else seen.set(name.trim().toLowerCase(), i);
  });
  return problems;
}
