import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import { useForm, type Control, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';

/** A bare react-hook-form around a field component, validating with a contract schema, as the steps do. */
export function FormHarness<T extends FieldValues>({
  schema,
  defaultValues,
  onValid,
  children,
}: {
  schema: z.ZodType;
  defaultValues: T;
  onValid: (values: unknown) => void;
  children: (control: Control<T>) => ReactNode;
}) {
  const form = useForm<T>({ defaultValues: defaultValues as never, resolver: zodResolver(schema as never) as unknown as Resolver<T> });
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => onValid(values))}>
      {children(form.control)}
      <button type="submit">Save</button>
    </form>
  );
}
