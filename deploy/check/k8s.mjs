// Validates Kubernetes manifests (a YAML stream on stdin, e.g. `kubectl kustomize deploy/k8s`)
// against the API's JSON schemas, as packaged by kubernetes-models; exits 1 on the first problem.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const documents = parseAllDocuments(readFileSync(0, "utf8")).map((doc) => doc.toJSON()).filter(Boolean);
let failed = false;
for (const resource of documents) {
  const name = `${resource.kind}/${resource.metadata?.name}`;
  const module = `kubernetes-models/${resource.apiVersion}`;
  try {
    const models = await import(module);
    const Model = models[resource.kind];
    if (!Model) throw new Error(`no schema for ${resource.kind} in ${module}`);
    new Model(resource).validate();
    console.log(`ok      ${resource.apiVersion} ${name}`);
  } catch (error) {
    failed = true;
    console.log(`INVALID ${resource.apiVersion} ${name}: ${error.message}`);
  }
}
if (documents.length === 0) {
  console.log("no manifests on stdin");
  failed = true;
}
process.exit(failed ? 1 : 0);
