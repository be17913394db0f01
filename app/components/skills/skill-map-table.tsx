import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { DateText } from "#app/components/date-text.tsx";
import { ErrorList, Field, FormErrors } from "#app/components/forms.tsx";
import { formatScore, ScoreBadge } from "#app/components/score.tsx";
import { TableRegion } from "#app/components/table-region.tsx";
import {
  REQUIREMENT_KINDS,
  REQUIREMENT_NAME_MAX,
  REQUIREMENT_WEIGHTS,
  WEIGHT_LABELS,
  type RequirementKind,
} from "#app/domain/practice/requirements.ts";
import { SKILL_STATE_LABELS, type SkillStateName } from "#app/domain/practice/skill-state.ts";
import { AddRequirementSchema } from "#app/forms/skill-map-forms.ts";
import { SecondTries, type SecondTryRow } from "#app/components/practice/second-tries.tsx";

/**
 * The skill map as a table that works without JavaScript: one row per
 * requirement with its state (and the answer that caused the latest change),
 * where the résumé supports it, the questions that probed it with their
 * scores across attempts, and small forms to rename, re-weight or remove it.
 */

export type SkillRow = {
  id: string;
  name: string;
  kind: RequirementKind;
  weight: 1 | 2 | 3;
  source: "extracted" | "user";
  edited: boolean;
  postingLines: string[];
  resume: { supported: boolean; mentions: Array<Array<{ text: string; match: boolean }>> };
  state: SkillStateName;
  since: Date | null;
  average: number | null;
  probes: Array<{ questionId: string; question: string; askedAt: Date; score: number | null; answered: boolean; href: string }>;
  changes: Array<{ at: Date; to: SkillStateName; explanation: string; href: string }>;
  // issue 19: missed questions tried again in a review drill.
  secondTries: SecondTryRow[];
};

type ActionData = { intent: string; requirementId: string | null; error?: string; notice?: string } | null;

const KIND_LABELS: Record<RequirementKind, string> = {
  technology: "Technology",
  skill: "Skill",
  responsibility: "Responsibility",
  seniority: "Seniority",
};

const STATE_STYLES: Record<SkillStateName, string> = {
  not_probed: "bg-slate-100 text-slate-800",
  weak: "bg-red-100 text-red-900",
  developing: "bg-amber-100 text-amber-900",
  strong: "bg-emerald-100 text-emerald-900",
};

export function SkillStateBadge({ state }: { state: SkillStateName }) {
  return (
    <span className={`badge ${STATE_STYLES[state]}`} data-testid="skill-state">
      {SKILL_STATE_LABELS[state]}
    </span>
  );
}

export function SkillMapTable({ rows, actionData }: { rows: SkillRow[]; actionData: ActionData }) {
  return (
    <TableRegion captionId="skill-map-caption">
      <table className="w-full min-w-[48rem] text-left text-sm" data-testid="skill-map-table" aria-describedby="state-rule">
        <caption id="skill-map-caption" className="sr-only">
          The job's requirements with their state, your résumé's support and the questions that probed them
        </caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Requirement
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              State
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Evidence
            </th>
            <th scope="col" className="py-2 font-medium">
              Edit
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <Row key={row.id} row={row} error={actionData?.requirementId === row.id ? (actionData.error ?? null) : null} />
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function Row({ row, error }: { row: SkillRow; error: string | null }) {
  const latest = row.changes.at(-1);
  const errorId = error ? `req-${row.id}-error` : undefined;
  return (
    <tr data-testid="skill-row" data-requirement={row.name}>
      <th scope="row" className="py-3 pr-3 font-normal">
        <span className="font-semibold text-slate-900">{row.name}</span>
        <span className="block text-xs text-slate-600">
          {KIND_LABELS[row.kind]} · {WEIGHT_LABELS[row.weight]}
          {row.source === "user" ? " · added by you" : row.edited ? " · edited by you" : null}
        </span>
      </th>
      <td className="py-3 pr-3">
        <SkillStateBadge state={row.state} />
        {row.average !== null ? <span className="ml-2 tabular-nums">avg {formatScore(row.average)}</span> : null}
        {latest ? (
          <p className="mt-1 text-xs text-slate-700" data-testid="skill-change">
            Since <DateText date={latest.at} />: {latest.explanation}{" "}
            <Link to={latest.href}>
              See the answer
              <span className="sr-only">
                {" "}
                that made {row.name} {SKILL_STATE_LABELS[latest.to].toLowerCase()}
              </span>
            </Link>
          </p>
        ) : null}
        {row.changes.length > 1 ? (
          <details className="mt-1 text-xs">
            <summary className="cursor-pointer">Earlier changes</summary>
            <ul className="mt-1 space-y-1">
              {row.changes.slice(0, -1).map((c) => (
                <li key={`${c.at.toISOString()}-${c.to}`}>
                  <DateText date={c.at} />: {c.explanation} <Link to={c.href}>See the answer</Link>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </td>
      <td className="space-y-2 py-3 pr-3">
        {row.postingLines.length ? (
          <p className="text-xs text-slate-600">
            Posting: <q>{row.postingLines[0]}</q>
          </p>
        ) : null}
        <div data-testid="resume-support">
          {row.resume.supported ? (
            <>
              <p className="text-xs font-medium text-emerald-800">Your résumé supports it:</p>
              <ul className="text-xs text-slate-800">
                {row.resume.mentions.map((parts, i) => (
                  <li key={i}>
                    <q>{parts.map((p, j) => (p.match ? <mark key={j}>{p.text}</mark> : <span key={j}>{p.text}</span>))}</q>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-xs text-slate-700">Not found in your résumé.</p>
          )}
        </div>
        {row.probes.length ? (
          <div>
            <p className="text-xs font-medium">Questions that probed it:</p>
            <ol className="list-decimal space-y-1 pl-4 text-xs" data-testid="skill-probes">
              {row.probes.map((p) => (
                <li key={p.questionId}>
                  <Link to={p.href}>{p.question.length > 120 ? `${p.question.slice(0, 117)}…` : p.question}</Link>{" "}
                  {p.score !== null ? (
                    <ScoreBadge value={p.score} />
                  ) : (
                    <span className="text-slate-600">{p.answered ? "being scored" : "not answered"}</span>
                  )}
                </li>
              ))}
            </ol>
          </div>
        ) : (
          <p className="text-xs text-slate-700">No question has probed it yet.</p>
        )}
        <SecondTries tries={row.secondTries} />
      </td>
      <td className="space-y-2 py-3">
        <Form method="post" className="flex items-end gap-1">
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="requirementId" value={row.id} />
          <label className="sr-only" htmlFor={`rename-${row.id}`}>
            New name for {row.name}
          </label>
          <input
            id={`rename-${row.id}`}
            name="name"
            defaultValue={row.name}
            required
            maxLength={REQUIREMENT_NAME_MAX}
            className="input w-40 py-1 text-sm"
            aria-invalid={errorId ? true : undefined}
            aria-describedby={errorId}
          />
          <button type="submit" className="btn-secondary py-1 text-sm">
            Rename<span className="sr-only"> {row.name}</span>
          </button>
        </Form>
        <Form method="post" className="flex items-end gap-1">
          <input type="hidden" name="intent" value="weight" />
          <input type="hidden" name="requirementId" value={row.id} />
          <label className="sr-only" htmlFor={`weight-${row.id}`}>
            Weight of {row.name}
          </label>
          <select id={`weight-${row.id}`} name="weight" defaultValue={row.weight} className="input w-40 py-1 text-sm">
            {REQUIREMENT_WEIGHTS.map((w) => (
              <option key={w} value={w}>
                {WEIGHT_LABELS[w]}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary py-1 text-sm">
            Save<span className="sr-only"> the weight of {row.name}</span>
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="drill" />
          <input type="hidden" name="requirementId" value={row.id} />
          <button type="submit" className="btn-primary py-1 text-sm">
            Drill this<span className="sr-only">: 3 questions on {row.name}</span>
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="requirementId" value={row.id} />
          <button type="submit" className="btn-secondary py-1 text-sm text-red-800">
            Remove<span className="sr-only"> {row.name}</span>
          </button>
        </Form>
        <ErrorList id={errorId} errors={error ? [error] : undefined} />
      </td>
    </tr>
  );
}

/** Add a requirement of your own (or restore a removed one by its name). */
export function AddRequirementForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "add-requirement",
    lastResult,
    defaultValue: { intent: "add", weight: "2", kind: "skill" },
    constraint: getZodConstraint(AddRequirementSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddRequirementSchema }),
  });
  const kindErrorId = fields.kind.errors?.length ? `${fields.kind.id}-error` : undefined;
  const weightErrorId = fields.weight.errors?.length ? `${fields.weight.id}-error` : undefined;
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <Field
        label="Name"
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), placeholder: "e.g. GraphQL", autoComplete: "off" }}
      />
      <div>
        <label htmlFor={fields.kind.id} className="label">
          Kind
        </label>
        <select {...getSelectProps(fields.kind)} className="input" aria-describedby={kindErrorId}>
          {REQUIREMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <ErrorList id={kindErrorId} errors={fields.kind.errors} />
      </div>
      <div>
        <label htmlFor={fields.weight.id} className="label">
          Weight
        </label>
        <select {...getSelectProps(fields.weight)} className="input" aria-describedby={weightErrorId}>
          {REQUIREMENT_WEIGHTS.map((w) => (
            <option key={w} value={w}>
              {WEIGHT_LABELS[w]}
            </option>
          ))}
        </select>
        <ErrorList id={weightErrorId} errors={fields.weight.errors} />
      </div>
      <div>
        <FormErrors id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary">
          Add requirement
        </button>
      </div>
    </Form>
  );
}
