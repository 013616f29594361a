// The dashboard's JSON API (same origin): a refusal is an RFC 9457 problem, thrown with its detail.

export class Problem extends Error {
  constructor(problem) {
    super(`${problem.title}: ${problem.detail}`);
    this.problem = problem;
  }
}

async function answer(response) {
  const body = await response.json();
  if (!response.ok) throw new Problem(body);
  return body;
}

export const get = (path) => fetch(`/api/${path}`).then(answer);

export const post = (path, body = {}) =>
  fetch(`/api/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(answer);
