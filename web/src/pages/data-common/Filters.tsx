import { useEffect, useId, useState, type ReactNode } from 'react';

/** A row of labelled filter controls above a table; wraps on a narrow screen. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form className="filter-bar" role="search" aria-label={label} onSubmit={(event) => event.preventDefault()}>
      {children}
    </form>
  );
}

/** A labelled select whose first option means "any". */
export function SelectFilter({ label, value, options, onChange, anyLabel = 'Any' }: { label: string; value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void; anyLabel?: string }) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{anyLabel}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A text filter applied a moment after typing stops (or at once on Enter), so a search does not ask the server once
 * per keystroke. The URL value stays the source of truth: a link or Back shows what it says.
 */
export function TextFilter({ label, value, onChange, type = 'search', hint, ...input }: { label: string; value: string; onChange: (value: string) => void; type?: 'search' | 'number' | 'datetime-local' | 'text'; hint?: string; min?: number; max?: number; placeholder?: string }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // The URL changed under us (Back, a link): show its value (state adjusted during render, not in an effect).
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return undefined;
    const timer = setTimeout(() => onChange(draft), 300);
    return () => clearTimeout(timer);
  }, [draft, value, onChange]);
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={draft}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onChange(draft);
        }}
        {...input}
      />
      {hint === undefined ? null : (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

export function CheckboxFilter({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="filter filter-checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
