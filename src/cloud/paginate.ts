/**
 * Walk every page of a list call through the provider interface, the way the SDK's paginators do
 * (NextToken in, NextToken out). Going through the provider keeps paging identical for AWS, the
 * sandbox and the benchmark's slow provider.
 */
export async function* paginate<I extends object, O extends object>(
  call: (input: I) => Promise<O>,
  input: I,
  tokens: { input: keyof I & string; output: keyof O & string } = {
    input: 'NextToken' as keyof I & string,
    output: 'NextToken' as keyof O & string,
  },
  maxPages = 10_000,
): AsyncGenerator<O> {
  let token: unknown;
  for (let page = 0; page < maxPages; page++) {
    const out = await call({ ...input, ...(token ? { [tokens.input]: token } : {}) });
    yield out;
    token = (out as Record<string, unknown>)[tokens.output];
    if (!token) return;
  }
}
