import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "react-router";
import { ErrorList, Field, FormErrors, TextareaField } from "#app/components/forms.tsx";
import { EXPERIENCE_LEVEL_LABELS, EXPERIENCE_LEVELS, POSTING_LIMITS, type ExperienceLevel } from "#app/domain/job-posting-fields.ts";
import { JobPostingFormSchema } from "#app/forms/job-posting-validation.ts";

export type JobPostingFormValues = {
  title: string;
  company: string;
  description: string;
  experienceLevel: ExperienceLevel | "";
  techStack: string;
  url: string;
};

type Props = {
  /** "new-job-posting" or "edit-job-posting": the form's id, for labels and tests. */
  id: string;
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Partial<JobPostingFormValues>;
  submitLabel: string;
  pendingLabel: string;
  cancelTo: string;
};

/** The one form for creating and editing a job posting: same fields, rules and messages. */
export function JobPostingForm({ id, lastResult, defaultValue, submitLabel, pendingLabel, cancelTo }: Props) {
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(JobPostingFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JobPostingFormSchema }),
  });
  const levelId = fields.experienceLevel.id;
  const levelErrorId = fields.experienceLevel.errors?.length ? `${levelId}-error` : undefined;

  return (
    <Form method="post" className="space-y-5" {...getFormProps(form)}>
      <Field
        label="Job title"
        hint={`Required. Up to ${POSTING_LIMITS.title} characters.`}
        errors={fields.title.errors}
        inputProps={{ ...getInputProps(fields.title, { type: "text" }), placeholder: "Senior Backend Engineer", autoComplete: "off" }}
      />
      <Field
        label="Company (optional)"
        errors={fields.company.errors}
        inputProps={{ ...getInputProps(fields.company, { type: "text" }), autoComplete: "organization" }}
      />
      <div>
        <label htmlFor={levelId} className="label">
          Experience level (optional)
        </label>
        <select
          {...getSelectProps(fields.experienceLevel)}
          className="input"
          aria-invalid={levelErrorId ? true : undefined}
          aria-describedby={levelErrorId}
        >
          <option value="">Not specified</option>
          {EXPERIENCE_LEVELS.map((level) => (
            <option key={level} value={level}>
              {EXPERIENCE_LEVEL_LABELS[level]}
            </option>
          ))}
        </select>
        <ErrorList id={levelErrorId} errors={fields.experienceLevel.errors} />
      </div>
      <TextareaField
        label="Job description"
        hint={`Required: paste the whole ad — responsibilities, requirements, nice-to-haves. ${POSTING_LIMITS.descriptionMin} to ${new Intl.NumberFormat("en").format(POSTING_LIMITS.descriptionMax)} characters.`}
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 12 }}
      />
      <Field
        label="Tech stack (optional)"
        hint={`Separate technologies with commas, e.g. TypeScript, React, PostgreSQL. Up to ${POSTING_LIMITS.techItems}, duplicates are removed.`}
        errors={fields.techStack.errors}
        inputProps={{ ...getInputProps(fields.techStack, { type: "text" }), autoComplete: "off", spellCheck: false }}
      />
      <Field
        label="Link to the original posting (optional)"
        hint="Starts with https:// or http://"
        errors={fields.url.errors}
        inputProps={{ ...getInputProps(fields.url, { type: "url" }), placeholder: "https://", autoComplete: "url" }}
      />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={submitting}>
          {submitting ? pendingLabel : submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          Cancel
        </Link>
      </div>
    </Form>
  );
}
