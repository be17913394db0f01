import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

/**
 * Form fields with their label, hint and errors wired for screen readers:
 * errors sit next to the field and are referenced by aria-describedby.
 */

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const shown = errors?.filter(Boolean);
  if (!shown?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {shown.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

type FieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: ListOfErrors;
  className?: string;
  inputProps: InputHTMLAttributes<HTMLInputElement>;
};

export function Field({ label, hint, errors, className, inputProps }: FieldProps) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.some(Boolean) ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        {...inputProps}
        id={id}
        className="input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

type TextareaFieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: ListOfErrors;
  className?: string;
  textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>;
  footer?: ReactNode;
};

export function TextareaField({ label, hint, errors, className, textareaProps, footer }: TextareaFieldProps) {
  const fallbackId = useId();
  const id = textareaProps.id ?? fallbackId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.some(Boolean) ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea
        {...textareaProps}
        id={id}
        className="input min-h-32"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {footer}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** Form-level errors, shown above the submit button. */
export function FormErrors({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const shown = errors?.filter(Boolean);
  if (!shown?.length) return null;
  return (
    <div id={id} className="alert-error" role="alert">
      <ul className="space-y-1">
        {shown.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

export function Checkbox({ label, inputProps }: { label: ReactNode; inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  return (
    <div className="flex items-center gap-2">
      <input {...inputProps} id={id} type="checkbox" className="h-4 w-4 rounded border-slate-400 text-indigo-700" />
      <label htmlFor={id} className="text-sm text-slate-800">
        {label}
      </label>
    </div>
  );
}
