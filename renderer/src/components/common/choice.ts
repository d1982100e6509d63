/**
 * A select bound to one of a schema's choices: the zod enum's type (taken from the API table), or
 * '' while nothing is chosen (不限, 未填). Typing filters and forms this way lets `value || undefined`
 * reach `invoke` without a cast, and a choice the schema does not know fails to compile.
 */
export type Choice<T> = NonNullable<T> | '';
