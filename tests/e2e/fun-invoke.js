// Runs the published `bootstrap` under @vercel/fun (an independent implementation of the
// Lambda Runtime API, `provided` runtime) and invokes it with each payload in turn, all in
// ONE function process. Used by the end-to-end tests; not part of the product.
//
//   node tests/e2e/fun-invoke.js RUN.json RESULT.json
//
// RUN.json:  { "taskDir": "...", "accessKeyId": "...", "secretAccessKey": "...",
//              "environment": { ... }, "payloads": [ "{}", ... ], "timeoutSeconds": 60,
//              "betweenUrl": "http://127.0.0.1:PORT/" (optional) }
// RESULT.json: [ { "statusCode": 200, "functionError": null | "Handled" | "Unhandled",
//                  "payload": "<raw text>" }, ... ]
// The function's own stdout/stderr (its logs) pass through to this process's.
// With betweenUrl, after every invocation but the last this POSTs the invocation's index (0-based)
// there and waits for a 2xx before the next one: the test changes its fakes while the function
// process stays warm.
'use strict';
const fs = require('node:fs');
const { createFunction } = require('@vercel/fun');

async function main() {
  const [specPath, resultPath] = process.argv.slice(2);
  const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
  const fn = await createFunction({
    Code: { Directory: spec.taskDir },
    Handler: 'bootstrap',
    Runtime: 'provided',
    FunctionName: 'ecr-public-lambda-e2e',
    MemorySize: 128,
    Timeout: spec.timeoutSeconds || 60,
    AccessKeyId: spec.accessKeyId,
    SecretAccessKey: spec.secretAccessKey,
    Environment: { Variables: spec.environment || {} },
  });
  const results = [];
  try {
    for (const [index, payload] of spec.payloads.entries()) {
      if (index > 0 && spec.betweenUrl) {
        const between = await fetch(spec.betweenUrl, { method: 'POST', body: String(index - 1) });
        if (!between.ok) {
          throw new Error(`betweenUrl answered ${between.status} after invocation ${index - 1}`);
        }
      }
      // fn.invoke, not fn(): the latter JSON-encodes its argument again and throws on a function error.
      const res = await fn.invoke({ InvocationType: 'RequestResponse', Payload: payload });
      results.push({
        statusCode: res.StatusCode,
        functionError: res.FunctionError || null,
        payload: typeof res.Payload === 'string' ? res.Payload : String(res.Payload),
      });
    }
  } finally {
    await fn.destroy();
  }
  fs.writeFileSync(resultPath, JSON.stringify(results));
}

main().catch((err) => {
  console.error(`fun-invoke: ${err && err.message ? err.message : err}`);
  process.exit(3);
});
