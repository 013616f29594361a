#!/usr/bin/env bash
# Deploys __NAME__ to Google Cloud Functions (2nd gen): the api, work and tick functions, each from
# its own bundle in apps/__NAME__/dist/gcp/<function>, the jobs topic with a dead-letter topic, the job that runs tick,
# and a Firestore database of the stage's own with the notes collection's indexes and TTL policy.
# Usage: deploy/gcp/deploy.sh --project=PROJECT [--region=REGION] [--stage=STAGE]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

PROJECT="${GOOGLE_CLOUD_PROJECT:-}"
REGION="europe-west1"
STAGE="dev"
SCHEDULE="0 * * * *"
for arg in "$@"; do
  case "$arg" in
    --project=*) PROJECT="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --stage=*) STAGE="${arg#*=}" ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
[ -n "$PROJECT" ] || { echo "--project=PROJECT is required" >&2; exit 2; }

NAME="__NAME__-$STAGE"
TOPIC="$NAME-jobs"
SOURCE="$here/../../dist/gcp"
DATABASE="$NAME"
API_SA="$NAME-api@$PROJECT.iam.gserviceaccount.com"
WORK_SA="$NAME-work@$PROJECT.iam.gserviceaccount.com"
# Every function's wiring checks the store's settings at start; only api reads or writes the notes.
common=(--gen2 --runtime=nodejs22 --region="$REGION" --project="$PROJECT" --memory=512Mi
  --set-env-vars="GOOGLE_CLOUD_PROJECT=$PROJECT,SKYPORT_FIRESTORE_DATABASE=$DATABASE")

# Runs a create command; one that finds the thing made already is fine.
create() {
  local out
  out="$("$@" 2>&1)" || grep -q "already exists" <<<"$out" || { echo "$out" >&2; exit 1; }
}

gcloud firestore databases describe --database="$DATABASE" --project="$PROJECT" >/dev/null 2>&1 ||
  gcloud firestore databases create --database="$DATABASE" --location="$REGION" --type=firestore-native --project="$PROJECT"
# The notes collection (src/notes.ts), as @skyport/firestore's collectionIndexes lists it: the by-owner
# query in both directions, the TTL policy on the stored expiry, no single-field indexes on the
# stored JSON and version.
db=(--database="$DATABASE" --project="$PROJECT")
create gcloud firestore indexes composite create --collection-group=notes --query-scope=collection "${db[@]}" --async \
  --field-config=field-path=k_owner,order=ascending --field-config=field-path=k_createdAt,order=ascending --field-config=field-path=k_id,order=ascending
create gcloud firestore indexes composite create --collection-group=notes --query-scope=collection "${db[@]}" --async \
  --field-config=field-path=k_owner,order=ascending --field-config=field-path=k_createdAt,order=descending --field-config=field-path=k_id,order=descending
gcloud firestore fields ttls update expiresAt --collection-group=notes --enable-ttl "${db[@]}" --async
gcloud firestore indexes fields update expiresAt --collection-group=notes --disable-indexes "${db[@]}" --async
# shellcheck disable=SC2016 # backticks quote a field path that starts with $; nothing is expanded
gcloud firestore indexes fields update '`$document`' --collection-group=notes --disable-indexes "${db[@]}" --async
# shellcheck disable=SC2016
gcloud firestore indexes fields update '`$version`' --collection-group=notes --disable-indexes "${db[@]}" --async
# The framework's idempotency-keys collection (api's idempotent POST /notes): read by key alone, so no
# composite index; the TTL policy on its stored expiry, no single-field indexes on the stored JSON and version.
gcloud firestore fields ttls update expiresAt --collection-group=idempotency-keys --enable-ttl "${db[@]}" --async
gcloud firestore indexes fields update expiresAt --collection-group=idempotency-keys --disable-indexes "${db[@]}" --async
# shellcheck disable=SC2016
gcloud firestore indexes fields update '`$document`' --collection-group=idempotency-keys --disable-indexes "${db[@]}" --async
# shellcheck disable=SC2016
gcloud firestore indexes fields update '`$version`' --collection-group=idempotency-keys --disable-indexes "${db[@]}" --async

# api runs as its own service account, which may use this database and nothing else (Firestore
# grants per database, not per collection: the condition is as narrow as it gets).
gcloud iam service-accounts describe "$API_SA" --project="$PROJECT" >/dev/null 2>&1 ||
  gcloud iam service-accounts create "$NAME-api" --display-name="$NAME api" --project="$PROJECT"
gcloud projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$API_SA" --role=roles/datastore.user \
  --condition="expression=resource.name==\"projects/$PROJECT/databases/$DATABASE\",title=$NAME-notes-database" >/dev/null

# work runs as its own service account, which may read the receipt-signing-key secret (src/receipts.ts) and
# no other. The secret is made here if missing; its value is added apart: gcloud secrets versions add receipt-signing-key --data-file=-
gcloud iam service-accounts describe "$WORK_SA" --project="$PROJECT" >/dev/null 2>&1 ||
  gcloud iam service-accounts create "$NAME-work" --display-name="$NAME work" --project="$PROJECT"
gcloud secrets describe receipt-signing-key --project="$PROJECT" >/dev/null 2>&1 ||
  gcloud secrets create receipt-signing-key --replication-policy=automatic --project="$PROJECT"
gcloud secrets add-iam-policy-binding receipt-signing-key --member="serviceAccount:$WORK_SA" --role=roles/secretmanager.secretAccessor \
  --project="$PROJECT" >/dev/null

gcloud pubsub topics describe "$TOPIC" --project="$PROJECT" >/dev/null 2>&1 || gcloud pubsub topics create "$TOPIC" --project="$PROJECT"
gcloud pubsub topics describe "$TOPIC-dead-letter" --project="$PROJECT" >/dev/null 2>&1 || gcloud pubsub topics create "$TOPIC-dead-letter" --project="$PROJECT"

gcloud functions deploy "$NAME-api" "${common[@]}" --source="$SOURCE/api" --entry-point=api --trigger-http --no-allow-unauthenticated \
  --service-account="$API_SA"
gcloud functions deploy "$NAME-work" "${common[@]}" --source="$SOURCE/work" --entry-point=work --trigger-topic="$TOPIC" --retry --no-allow-unauthenticated \
  --service-account="$WORK_SA"
gcloud functions deploy "$NAME-tick" "${common[@]}" --source="$SOURCE/tick" --entry-point=tick --trigger-http --no-allow-unauthenticated

TICK_URL="$(gcloud functions describe "$NAME-tick" --gen2 --region="$REGION" --project="$PROJECT" --format='value(serviceConfig.uri)')"
SCHEDULER_SA="$(gcloud projects describe "$PROJECT" --format='value(projectNumber)')-compute@developer.gserviceaccount.com"
job=(--location="$REGION" --project="$PROJECT" --schedule="$SCHEDULE" --time-zone=Etc/UTC --uri="$TICK_URL" --http-method=POST --oidc-service-account-email="$SCHEDULER_SA")
if gcloud scheduler jobs describe "$NAME-tick" --location="$REGION" --project="$PROJECT" >/dev/null 2>&1; then
  gcloud scheduler jobs update http "$NAME-tick" "${job[@]}"
else
  gcloud scheduler jobs create http "$NAME-tick" "${job[@]}"
fi
