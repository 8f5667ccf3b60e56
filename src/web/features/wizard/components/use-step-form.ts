import { useEffect, useState } from 'react';
import { useForm, type FieldValues, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { useWizard } from './wizard-context.tsx';

/** How long typing pauses before the values are stored, in milliseconds. */
const KEEP_AFTER_MS = 400;

/**
 * `useForm` for a wizard step whose values survive before Continue: they start from what was typed
 * on this step earlier (when typed against the same `basis`, e.g. the same country), else from
 * `defaultValues`; and they are kept in the draft while the person types (after a pause), when
 * the page is hidden or reloaded, and when the step closes (Back, another step, leaving the wizard,
 * a sign-in). A step closing because Continue went through keeps nothing (the wizard ignores it).
 */
export function useStepForm<T extends FieldValues>(options: UseFormProps<T> & { defaultValues: T }, basis = ''): UseFormReturn<T> {
  const { draft, stepId, keepTyping } = useWizard();
  const [initial] = useState(() => {
    const typed = draft.typing?.[stepId];
    return typed && typed.basis === basis ? (typed.values as T) : options.defaultValues;
  });
  const form = useForm<T>({ ...options, defaultValues: initial as UseFormProps<T>['defaultValues'] });

  useEffect(() => {
    let pending: unknown;
    let changedAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      if (pending === undefined) return;
      const values = pending;
      pending = undefined;
      keepTyping(stepId, { values, basis }, changedAt);
    };
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        pending = structuredClone(values);
        changedAt = performance.now();
        clearTimeout(timer);
        timer = setTimeout(flush, KEEP_AFTER_MS);
      },
    });
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      flush();
    };
    // keepTyping is a new function with every draft but acts the same for one draft: the first is kept.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, stepId, basis]);
  return form;
}
