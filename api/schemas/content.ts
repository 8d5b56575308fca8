import type { z } from 'zod';

/** OpenAPI content of a JSON response with `schema`. */
export const jsonContent = (schema: z.ZodType) => ({ 'application/json': { schema } });
