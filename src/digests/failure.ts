import { isCloudError } from '../cloud';
import type { ChatMessage } from '../core';

/** Why a digest (or a part of one) could not be built, and what a person can do about it. */
export interface Explanation {
  what: string;
  fix: string;
}

/** A digest that could not be built at all: posted instead of the digest, never nothing. */
export class DigestError extends Error {
  constructor(readonly explanation: Explanation) {
    super(`${explanation.what} ${explanation.fix}`);
    this.name = 'DigestError';
  }
}

/** Turn a Cost Explorer error into what happened and what to do. */
export function explainCostExplorerError(e: unknown, operation: string, payer: string): Explanation {
  const message = (e as Error)?.message ?? String(e);
  const code = isCloudError(e) ? e.code : ((e as { name?: string })?.name ?? 'Error');
  const permission = `ce:${operation.replace(/^get/i, 'Get')}`;
  if (/not enabled for cost explorer/i.test(message)) {
    return {
      what: `Cost Explorer is not enabled for account ${payer} (${code}).`,
      fix: 'Enable it once in the Billing and Cost Management console (Cost Explorer > Launch); data appears within 24 hours.',
    };
  }
  if (/^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedException)$/.test(code)) {
    return {
      what: `Cost Explorer refused ${operation} in account ${payer} (${code}: ${message}).`,
      fix: `Allow ${permission} for the bot's role in the payer account (\`cloudops iam-policy\` prints the whole policy).`,
    };
  }
  if (/^(LimitExceededException|ThrottlingException|Throttling|TooManyRequestsException)$/.test(code)) {
    return {
      what: `Cost Explorer is throttling requests from account ${payer} (${code}).`,
      fix: 'Nothing to change: the next digest tries again, and answers are cached for hours once they arrive.',
    };
  }
  if (code === 'DataUnavailableException') {
    return {
      what: `Cost Explorer has no data for the period yet (${code}).`,
      fix: 'New accounts and newly enabled Cost Explorer take up to 24 hours to have data; try again tomorrow.',
    };
  }
  if (/credential|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|security token/i.test(`${code} ${message}`)) {
    return {
      what: `The bot has no valid AWS credentials for account ${payer} (${code}: ${message}).`,
      fix: 'Check the credentials in the environment (or the role it assumes) and restart the bot.',
    };
  }
  if (code === 'ValidationException') {
    return {
      what: `Cost Explorer did not accept the request (${code}: ${message}).`,
      fix: 'Ask for the cost by service or by account, which every Cost Explorer answers.',
    };
  }
  return {
    what: `Cost Explorer ${operation} failed in account ${payer} (${code}: ${message}).`,
    fix: 'Run `cloudops digest cost --print` to retry and see the full error in the log.',
  };
}

/** The short message posted when a digest could not be built. */
export function failureMessage(
  kind: string,
  e: unknown,
  label?: string,
  title = `${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)} digest`,
): ChatMessage {
  const explanation: Explanation =
    e instanceof DigestError
      ? e.explanation
      : {
          what: `Something went wrong while building it: ${(e as Error)?.message ?? String(e)}.`,
          fix: `Run \`cloudops digest ${kind} --print\` to see the error.`,
        };
  return {
    kind: 'error',
    header: `${title} could not be built`,
    text: `${explanation.what}\n*How to fix it:* ${explanation.fix}`,
    context: label ? [label] : [],
  };
}
