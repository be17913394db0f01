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

type FrameProps = { label: ReactNode; hint?: ReactNode; errors?: ListOfErrors; className?: string; footer?: ReactNode };
type ControlAttributes = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** A field's label, hint and errors around its control, tied to it by id and aria-describedby. */
function FieldFrame({
  id,
  label,
  hint,
  errors,
  className,
  footer,
  control,
}: FrameProps & { id: string; control: (a: ControlAttributes) => ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.some(Boolean) ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {control({
        id,
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
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

export function Field({ inputProps, ...frame }: FrameProps & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const fallbackId = useId();
  return <FieldFrame {...frame} id={inputProps.id ?? fallbackId} control={(a) => <input {...inputProps} {...a} className="input" />} />;
}

export function TextareaField({ textareaProps, ...frame }: FrameProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const fallbackId = useId();
  return (
    <FieldFrame
      {...frame}
      id={textareaProps.id ?? fallbackId}
      control={(a) => <textarea {...textareaProps} {...a} className="input min-h-32" />}
    />
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
