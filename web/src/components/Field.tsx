import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the input and announced with it: a hint, or the error when there is one. */
  hint?: ReactNode;
  error?: string | undefined;
}

/** A labelled input whose hint and error are tied to it (aria-describedby), so screen readers read them. */
export function Field({ label, hint, error, ...input }: FieldProps) {
  const id = useId();
  const describedBy = error !== undefined ? `${id}-error` : hint !== undefined ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error !== undefined} aria-describedby={describedBy} {...input} />
      {error !== undefined ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : hint !== undefined ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
