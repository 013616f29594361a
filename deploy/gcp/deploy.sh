#!/usr/bin/env bash
# Deploys one stage of Skyport's order service to Google Cloud: its Cloud Functions (2nd gen), each from
# its own bundle in apps/orders/dist/gcp/<function>, a Firestore database, Pub/Sub (with a dead-letter topic and an
# alert on it) and a Cloud Scheduler job. Every step creates what is missing and updates what exists,
# so running it again is safe; teardown.sh removes it all again.
#
#   deploy/gcp/deploy.sh --project=my-project [--stage=dev] [--region=europe-west1] [--dry-run]
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/gcp/deploy.sh --project=PROJECT [options]

  --project=ID              Google Cloud project (default: $GOOGLE_CLOUD_PROJECT)
  --auth-issuer=URL         required: the OIDC issuer (https://) whose JWTs callers present
  --auth-audience=AUD       required: the audience those tokens must name
  --auth-customer-claim=C   the claim that holds the caller's customer id (default: sub)
  --stage=NAME              environment name, 1-12 of a-z 0-9 - (default: dev): every name below carries it,
                            so stages coexist in one project
  --region=REGION           functions, Eventarc trigger and scheduler job (default: europe-west1)
  --firestore-location=LOC  where a new Firestore database is created (default: the region)
  --database=ID             Firestore database (default: skyport-STAGE)
  --alert-email=ADDRESS     also e-mail the dead-letter alert to this address (it is in Cloud Monitoring either way)
  --source=DIR              the built bundles, one folder per function (default: apps/orders/dist/gcp; run `npm run build` first)
  --schedule=CRON           when the cleanup runs, in UTC (default: 0 * * * *, every hour as apps/orders declares it)
  --retention-days=N        pending orders older than this are cleaned up (default: 30)
  --cache-secret=SECRET     turn the order cache on (off by default): a Secret Manager secret in the project whose latest
                            version is the Memorystore URL, redis://:AUTH_STRING@IP:6379 (SKYPORT_REDIS_URL); each function
                            that reads or writes orders may read that one secret. Needs --cache-connector
  --cache-connector=NAME    the Serverless VPC Access connector to the Memorystore instance's network (private ranges only)
  --dry-run                 print the gcloud commands instead of running them
EOF
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="${GOOGLE_CLOUD_PROJECT:-}"
AUTH_ISSUER=""
AUTH_AUDIENCE=""
AUTH_CUSTOMER_CLAIM="sub"
STAGE="dev"
REGION="europe-west1"
FIRESTORE_LOCATION=""
DATABASE=""
ALERT_EMAIL=""
SOURCE="$here/../../apps/orders/dist/gcp"
SCHEDULE="0 * * * *"
RETENTION_DAYS="30"
CACHE_SECRET=""
CACHE_CONNECTOR=""
DRY_RUN=false

for arg in "$@"; do
  case "$arg" in
    --project=*) PROJECT="${arg#*=}" ;;
    --auth-issuer=*) AUTH_ISSUER="${arg#*=}" ;;
    --auth-audience=*) AUTH_AUDIENCE="${arg#*=}" ;;
    --auth-customer-claim=*) AUTH_CUSTOMER_CLAIM="${arg#*=}" ;;
    --stage=*) STAGE="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --alert-email=*) ALERT_EMAIL="${arg#*=}" ;;
    --firestore-location=*) FIRESTORE_LOCATION="${arg#*=}" ;;
    --database=*) DATABASE="${arg#*=}" ;;
    --source=*) SOURCE="${arg#*=}" ;;
    --schedule=*) SCHEDULE="${arg#*=}" ;;
    --retention-days=*) RETENTION_DAYS="${arg#*=}" ;;
    --cache-secret=*) CACHE_SECRET="${arg#*=}" ;;
    --cache-connector=*) CACHE_CONNECTOR="${arg#*=}" ;;
    --dry-run) DRY_RUN=true ;;
    -h | --help) usage && exit 0 ;;
    *) echo "deploy.sh: unknown argument: $arg" >&2 && usage >&2 && exit 2 ;;
  esac
done
[[ -n "$PROJECT" ]] || { echo "deploy.sh: --project (or GOOGLE_CLOUD_PROJECT) is required" >&2; exit 2; }
# No deployment is open: the HTTP function verifies every /orders caller's JWT.
[[ "$AUTH_ISSUER" =~ ^https://[^,[:space:]]+$ ]] || { echo "deploy.sh: --auth-issuer=https://... (the OIDC issuer of the callers' tokens) is required" >&2; exit 2; }
[[ "$AUTH_AUDIENCE" =~ ^[^,[:space:]]+$ ]] || { echo "deploy.sh: --auth-audience (the audience the tokens name) is required" >&2; exit 2; }
[[ "$RETENTION_DAYS" =~ ^[0-9]+$ ]] || { echo "deploy.sh: --retention-days must be a number of days" >&2; exit 2; }
[[ "$STAGE" =~ ^[a-z][a-z0-9-]{0,11}$ ]] || { echo "deploy.sh: --stage must be 1-12 of a-z, 0-9 and -, starting with a letter" >&2; exit 2; }
[[ -z "$CACHE_SECRET$CACHE_CONNECTOR" || ("$CACHE_SECRET" =~ ^[A-Za-z0-9_-]{1,255}$ && "$CACHE_CONNECTOR" =~ ^[a-z][a-z0-9-]{0,24}$) ]] ||
  { echo "deploy.sh: --cache-secret (a Secret Manager secret's name) and --cache-connector (a VPC Access connector) go together" >&2; exit 2; }
FIRESTORE_LOCATION="${FIRESTORE_LOCATION:-$REGION}"
DATABASE="${DATABASE:-skyport-$STAGE}"
INDEXES="$here/firestore.indexes.json"

# The names of everything deploy.sh creates and teardown.sh deletes, and run(): one file for both.
# shellcheck source=SCRIPTDIR/names.sh
source "$here/names.sh"
MAX_DELIVERY_ATTEMPTS=5

# Creates a resource unless its describe command finds it: `check -- create`.
create_unless_exists() {
  local -a check=() create=()
  while [[ "$1" != "--" ]]; do check+=("$1") && shift; done
  shift
  create=("$@")
  if [[ "$DRY_RUN" == true ]]; then
    echo "$(run "${check[@]}") >/dev/null 2>&1 || $(run "${create[@]}")"
  elif ! "${check[@]}" >/dev/null 2>&1; then
    "${create[@]}"
  fi
}

# Creates something that has no describe command (a composite index); ALREADY_EXISTS means done.
create_tolerating_exists() {
  if [[ "$DRY_RUN" == true ]]; then
    echo "output=\$($(run "$@") 2>&1) || grep -q ALREADY_EXISTS <<<\"\$output\""
    return
  fi
  local output
  if ! output="$("$@" 2>&1)"; then
    grep -q "ALREADY_EXISTS" <<<"$output" || { echo "$output" >&2 && return 1; }
  fi
}

# Sets the named variable to a command's output; with --dry-run prints the lookup and sets "$NAME".
lookup() {
  local name="$1"
  shift
  if [[ "$DRY_RUN" == true ]]; then
    echo "$name=\$($(run "$@"))"
    printf -v "$name" '%s' "\$$name"
  else
    printf -v "$name" '%s' "$("$@")"
  fi
}

if [[ "$DRY_RUN" == true ]]; then
  echo "set -euo pipefail"
else
  command -v gcloud >/dev/null || { echo "deploy.sh: the Google Cloud CLI (gcloud) is needed: https://cloud.google.com/sdk/docs/install" >&2; exit 1; }
  for entry in api confirm cleanup outbox ship import; do
    [[ -f "$SOURCE/$entry/package.json" ]] || { echo "deploy.sh: no bundle at $SOURCE/$entry; run \`npm run build\` first" >&2; exit 1; }
  done
fi

echo "== APIs" >&2
run gcloud services enable cloudfunctions.googleapis.com run.googleapis.com cloudbuild.googleapis.com \
  artifactregistry.googleapis.com eventarc.googleapis.com pubsub.googleapis.com firestore.googleapis.com \
  cloudscheduler.googleapis.com iam.googleapis.com monitoring.googleapis.com --project="$PROJECT"

echo "== Service accounts: one per function, each with only its roles, and the invoker of the private functions" >&2
for sa in "$HTTP_SA:HTTP function" "$QUEUE_SA:queue function" "$CLEANUP_SA:cleanup function" "$OUTBOX_SA:outbox function" \
  "$INVOKER_SA:Eventarc and Cloud Scheduler invoker"; do
  create_unless_exists gcloud iam service-accounts describe "${sa%%:*}" --project="$PROJECT" -- \
    gcloud iam service-accounts create "${sa%%@*}" --display-name="Skyport $STAGE ${sa#*:}" --project="$PROJECT"
done
# Firestore's reads and writes in this stage's database only: roles/datastore.user cannot be granted
# on a database, so the project binding carries an IAM condition on the database's resource name.
# Firestore's IAM stops at the database (no condition names a collection): every function that uses
# the orders collection (api, confirm, cleanup, ship, import; api the idempotency-keys collection too)
# gets it; the outbox reads the orders it announces from Firestore's events and gets none.
# Publishing is granted on the orders topic alone, below.
database_only="expression=resource.name==\"projects/$PROJECT/databases/$DATABASE\",title=skyport-$STAGE-database-only"
for sa in "$HTTP_SA" "$QUEUE_SA" "$CLEANUP_SA"; do
  run gcloud projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$sa" --role=roles/datastore.user --condition="$database_only"
done

echo "== Firestore: database (point-in-time recovery, delete protection), the collections' composite indexes, field overrides, TTL policy" >&2
create_unless_exists gcloud firestore databases describe --database="$DATABASE" --project="$PROJECT" -- \
  gcloud firestore databases create --database="$DATABASE" --location="$FIRESTORE_LOCATION" --type=firestore-native \
  --enable-pitr --delete-protection --project="$PROJECT"
# A database made before these settings (or by hand) gets them too.
run gcloud firestore databases update --database="$DATABASE" --enable-pitr --delete-protection --project="$PROJECT"
# firestore.indexes.json is the one list of indexes: what @skyport/firestore's collectionIndexes() lists for the
# orders and idempotency-keys collections (its tests compare them, and check the order store's queries against it),
# with the TTL policy on idempotency-keys' expiresAt and no indexes on the stored JSON text and version.
while IFS=$'\t' read -r kind collection field rest; do
  if [[ "$kind" == index ]]; then
    read -r -a fields <<<"$rest"
    create_tolerating_exists gcloud firestore indexes composite create --collection-group="$collection" --query-scope=collection \
      "${fields[@]}" --database="$DATABASE" --project="$PROJECT" --async
  elif [[ "$kind" == ttl ]]; then
    run gcloud firestore fields ttls update "$field" --collection-group="$collection" --enable-ttl --database="$DATABASE" --project="$PROJECT"
  elif [[ "$kind" == unindexed ]]; then
    run gcloud firestore indexes fields update "$field" --collection-group="$collection" --disable-indexes --database="$DATABASE" --project="$PROJECT"
  fi
done < <(node "$here/firestore-index-flags.mjs" "$INDEXES")

echo "== Pub/Sub: the orders topic, and a dead-letter topic with a subscription that keeps what lands there" >&2
create_unless_exists gcloud pubsub topics describe "$TOPIC" --project="$PROJECT" -- \
  gcloud pubsub topics create "$TOPIC" --project="$PROJECT"
create_unless_exists gcloud pubsub topics describe "$DEAD_LETTER_TOPIC" --project="$PROJECT" -- \
  gcloud pubsub topics create "$DEAD_LETTER_TOPIC" --project="$PROJECT"
create_unless_exists gcloud pubsub subscriptions describe "$DEAD_LETTER_TOPIC" --project="$PROJECT" -- \
  gcloud pubsub subscriptions create "$DEAD_LETTER_TOPIC" --topic="$DEAD_LETTER_TOPIC" --message-retention-duration=7d --project="$PROJECT"
# Only the outbox function publishes (order.created, from Firestore's change events); it reads no document.
run gcloud pubsub topics add-iam-policy-binding "$TOPIC" --member="serviceAccount:$OUTBOX_SA" --role=roles/pubsub.publisher --project="$PROJECT"
# Eventarc delivers Firestore's events to the outbox function as the invoker.
run gcloud projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$INVOKER_SA" --role=roles/eventarc.eventReceiver

echo "== Functions (gcloud functions deploy creates or updates)" >&2
env_vars="SKYPORT_STORE=firestore,GOOGLE_CLOUD_PROJECT=$PROJECT,SKYPORT_FIRESTORE_DATABASE=$DATABASE,SKYPORT_TOPIC_ORDERS=$TOPIC,SKYPORT_RETENTION_DAYS=$RETENTION_DAYS"
auth_vars="SKYPORT_AUTH_ISSUER=$AUTH_ISSUER,SKYPORT_AUTH_AUDIENCE=$AUTH_AUDIENCE,SKYPORT_AUTH_CUSTOMER_CLAIM=$AUTH_CUSTOMER_CLAIM"
# Each function is deployed from its own bundle (dist/gcp/<entry point>): it carries that function's code alone.
common=(--gen2 --runtime=nodejs22 --region="$REGION" --project="$PROJECT")
# The order cache, on every function that reads or writes orders (each write keeps the cache right): Memorystore through
# the connector, the URL (with its AUTH string) from Secret Manager, never in an env var's value. Off: both are cleared.
if [[ -n "$CACHE_SECRET" ]]; then
  cache_vars=",SKYPORT_CACHE=redis"
  cache=(--vpc-connector="$CACHE_CONNECTOR" --egress-settings=private-ranges-only --set-secrets="SKYPORT_REDIS_URL=$CACHE_SECRET:latest")
else
  cache_vars=""
  cache=(--clear-vpc-connector --clear-secrets)
fi
# With the cache on, a function's account may read that one secret (granted before the function that reads it is deployed).
grant_cache_secret() {
  [[ -z "$CACHE_SECRET" ]] ||
    run gcloud secrets add-iam-policy-binding "$CACHE_SECRET" --member="serviceAccount:$1" --role=roles/secretmanager.secretAccessor --project="$PROJECT"
}
for sa in "$HTTP_SA" "$QUEUE_SA" "$CLEANUP_SA"; do grant_cache_secret "$sa"; done
# Reachable without Google credentials: the function itself verifies each caller's JWT (auth_vars).
run gcloud functions deploy "$HTTP_FUNCTION" "${common[@]}" --source="$SOURCE/api" \
  --set-env-vars="$env_vars,$auth_vars$cache_vars" "${cache[@]}" --entry-point=api --trigger-http --allow-unauthenticated \
  --memory=512Mi --cpu=1 --concurrency=80 --max-instances=20 --timeout=60s --service-account="$HTTP_SA"
# --retry: a failure (a thrown error) is redelivered by Pub/Sub instead of dropped.
run gcloud functions deploy "$QUEUE_FUNCTION" "${common[@]}" --source="$SOURCE/confirm" \
  --set-env-vars="$env_vars$cache_vars" "${cache[@]}" --entry-point=confirm --trigger-topic="$TOPIC" \
  --trigger-service-account="$INVOKER_SA" --retry --no-allow-unauthenticated \
  --memory=256Mi --max-instances=10 --timeout=60s --service-account="$QUEUE_SA"
run gcloud functions deploy "$CLEANUP_FUNCTION" "${common[@]}" --source="$SOURCE/cleanup" \
  --set-env-vars="$env_vars$cache_vars" "${cache[@]}" --entry-point=cleanup --trigger-http --no-allow-unauthenticated \
  --memory=256Mi --max-instances=1 --timeout=540s --service-account="$CLEANUP_SA"
# The outbox: every write to the orders collection in this database (a document per order, its id the order's id), as a
# protobuf DocumentEventData of the stored fields, which core reads back as the order; --retry redelivers a failure.
run gcloud functions deploy "$OUTBOX_FUNCTION" "${common[@]}" --source="$SOURCE/outbox" --set-env-vars="$env_vars" --entry-point=outbox \
  --trigger-event-filters=type=google.cloud.firestore.document.v1.written --trigger-event-filters=database="$DATABASE" \
  --trigger-event-filters-path-pattern=document='orders/{orderId}' --trigger-location="$FIRESTORE_LOCATION" \
  --trigger-service-account="$INVOKER_SA" --retry --no-allow-unauthenticated \
  --memory=256Mi --max-instances=10 --timeout=60s --service-account="$OUTBOX_SA"
# The invoker may call the two private functions, and nothing else.
run gcloud functions add-invoker-policy-binding "$QUEUE_FUNCTION" --region="$REGION" --member="serviceAccount:$INVOKER_SA" --project="$PROJECT"
run gcloud functions add-invoker-policy-binding "$CLEANUP_FUNCTION" --region="$REGION" --member="serviceAccount:$INVOKER_SA" --project="$PROJECT"
run gcloud functions add-invoker-policy-binding "$OUTBOX_FUNCTION" --region="$REGION" --member="serviceAccount:$INVOKER_SA" --project="$PROJECT"

echo "== Dead letters: after $MAX_DELIVERY_ATTEMPTS failed deliveries a message moves to $DEAD_LETTER_TOPIC" >&2
lookup TRIGGER gcloud functions describe "$QUEUE_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --format='value(eventTrigger.trigger)'
lookup SUBSCRIPTION gcloud eventarc triggers describe "$TRIGGER" --location="$REGION" --project="$PROJECT" --format='value(transport.pubsub.subscription)'
lookup PROJECT_NUMBER gcloud projects describe "$PROJECT" --format='value(projectNumber)'
run gcloud pubsub subscriptions update "$SUBSCRIPTION" --dead-letter-topic="$DEAD_LETTER_TOPIC" \
  --max-delivery-attempts="$MAX_DELIVERY_ATTEMPTS" --min-retry-delay=10s --max-retry-delay=600s --project="$PROJECT"
# Pub/Sub's own service agent forwards dead letters: it publishes to the dead-letter topic and acknowledges on the subscription.
pubsub_agent="serviceAccount:service-$PROJECT_NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com"
run gcloud pubsub topics add-iam-policy-binding "$DEAD_LETTER_TOPIC" --member="$pubsub_agent" --role=roles/pubsub.publisher --project="$PROJECT"
run gcloud pubsub subscriptions add-iam-policy-binding "$SUBSCRIPTION" --member="$pubsub_agent" --role=roles/pubsub.subscriber --project="$PROJECT"
# The outbox trigger's own subscription: a change that failed every delivery lands in the same dead-letter topic, under the same alert.
lookup OUTBOX_TRIGGER gcloud functions describe "$OUTBOX_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --format='value(eventTrigger.trigger)'
lookup OUTBOX_SUBSCRIPTION gcloud eventarc triggers describe "$OUTBOX_TRIGGER" --location="$FIRESTORE_LOCATION" --project="$PROJECT" \
  --format='value(transport.pubsub.subscription)'
run gcloud pubsub subscriptions update "$OUTBOX_SUBSCRIPTION" --dead-letter-topic="$DEAD_LETTER_TOPIC" \
  --max-delivery-attempts="$MAX_DELIVERY_ATTEMPTS" --min-retry-delay=10s --max-retry-delay=600s --project="$PROJECT"
run gcloud pubsub subscriptions add-iam-policy-binding "$OUTBOX_SUBSCRIPTION" --member="$pubsub_agent" --role=roles/pubsub.subscriber --project="$PROJECT"

echo "== Cloud Scheduler: POST to the cleanup function with an OIDC token of the invoker" >&2
lookup CLEANUP_URL gcloud functions describe "$CLEANUP_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --format='value(serviceConfig.uri)'
job=(--location="$REGION" --schedule="$SCHEDULE" --time-zone=Etc/UTC --uri="$CLEANUP_URL" --http-method=POST
  --oidc-service-account-email="$INVOKER_SA" --oidc-token-audience="$CLEANUP_URL" --attempt-deadline=540s
  --max-retry-attempts=3 --min-backoff=60s --project="$PROJECT")
if [[ "$DRY_RUN" == true ]]; then
  echo "if $(run gcloud scheduler jobs describe "$CLEANUP_JOB" --location="$REGION" --project="$PROJECT") >/dev/null 2>&1; then $(run gcloud scheduler jobs update http "$CLEANUP_JOB" "${job[@]}"); else $(run gcloud scheduler jobs create http "$CLEANUP_JOB" "${job[@]}"); fi"
elif gcloud scheduler jobs describe "$CLEANUP_JOB" --location="$REGION" --project="$PROJECT" >/dev/null 2>&1; then
  gcloud scheduler jobs update http "$CLEANUP_JOB" "${job[@]}"
else
  gcloud scheduler jobs create http "$CLEANUP_JOB" "${job[@]}"
fi

echo "== Shipments: the ship function, pushed in order (key orderId) by $SHIPMENTS_SUBSCRIPTION; what fails lands in $DEAD_LETTER_TOPIC" >&2
create_unless_exists gcloud iam service-accounts describe "$SHIP_SA" --project="$PROJECT" -- \
  gcloud iam service-accounts create "${SHIP_SA%%@*}" --display-name="Skyport $STAGE ship function" --project="$PROJECT"
run gcloud projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$SHIP_SA" --role=roles/datastore.user --condition="$database_only"
create_unless_exists gcloud pubsub topics describe "$SHIPMENTS_TOPIC" --project="$PROJECT" -- \
  gcloud pubsub topics create "$SHIPMENTS_TOPIC" --project="$PROJECT"
# The ship function publishes a poison record to the dead-letter topic itself (and acknowledges it): nothing else.
run gcloud pubsub topics add-iam-policy-binding "$DEAD_LETTER_TOPIC" --member="serviceAccount:$SHIP_SA" --role=roles/pubsub.publisher --project="$PROJECT"
grant_cache_secret "$SHIP_SA"
run gcloud functions deploy "$SHIP_FUNCTION" "${common[@]}" --source="$SOURCE/ship" \
  --set-env-vars="$env_vars,SKYPORT_STREAM_DEAD_LETTERS=$DEAD_LETTER_TOPIC$cache_vars" "${cache[@]}" --entry-point=ship \
  --trigger-http --no-allow-unauthenticated --memory=256Mi --max-instances=10 --timeout=60s --service-account="$SHIP_SA"
run gcloud functions add-invoker-policy-binding "$SHIP_FUNCTION" --region="$REGION" --member="serviceAccount:$INVOKER_SA" --project="$PROJECT"
lookup SHIP_URL gcloud functions describe "$SHIP_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --format='value(serviceConfig.uri)'
# Eventarc's Pub/Sub triggers do not keep order: a push subscription of our own, with ordering, an OIDC token of the invoker,
# bounded attempts into the dead-letter topic (whose alert is below). Message ordering is fixed when the subscription is created.
ship_push=(--topic="$SHIPMENTS_TOPIC" --push-endpoint="$SHIP_URL" --push-auth-service-account="$INVOKER_SA" --push-auth-token-audience="$SHIP_URL"
  --enable-message-ordering --dead-letter-topic="$DEAD_LETTER_TOPIC" --max-delivery-attempts="$MAX_DELIVERY_ATTEMPTS"
  --min-retry-delay=10s --max-retry-delay=600s --ack-deadline=60 --project="$PROJECT")
create_unless_exists gcloud pubsub subscriptions describe "$SHIPMENTS_SUBSCRIPTION" --project="$PROJECT" -- \
  gcloud pubsub subscriptions create "$SHIPMENTS_SUBSCRIPTION" "${ship_push[@]}"
run gcloud pubsub subscriptions add-iam-policy-binding "$SHIPMENTS_SUBSCRIPTION" --member="$pubsub_agent" --role=roles/pubsub.subscriber --project="$PROJECT"

echo "== Bulk import: a private, versioned bucket (reports/ expire), the import function on its uploads (docs/API.md, Bulk import)" >&2
create_unless_exists gcloud iam service-accounts describe "$IMPORT_SA" --project="$PROJECT" -- \
  gcloud iam service-accounts create "${IMPORT_SA%%@*}" --display-name="Skyport $STAGE import function" --project="$PROJECT"
run gcloud projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$IMPORT_SA" --role=roles/datastore.user --condition="$database_only"
# Uniform access and no public access; encrypted at rest with Google-managed keys (always on); every version kept.
create_unless_exists gcloud storage buckets describe "gs://$IMPORT_BUCKET" --project="$PROJECT" -- \
  gcloud storage buckets create "gs://$IMPORT_BUCKET" --location="$REGION" --uniform-bucket-level-access --public-access-prevention --project="$PROJECT"
run gcloud storage buckets update "gs://$IMPORT_BUCKET" --versioning --lifecycle-file="$here/import-lifecycle.json" --project="$PROJECT"
# Read imports/, write reports/ (a report written again replaces the last), nothing else: IAM conditions on the object's name.
run gcloud storage buckets add-iam-policy-binding "gs://$IMPORT_BUCKET" --member="serviceAccount:$IMPORT_SA" --role=roles/storage.objectViewer \
  --condition="expression=resource.name.startsWith(\"projects/_/buckets/$IMPORT_BUCKET/objects/imports/\"),title=skyport-$STAGE-read-imports"
run gcloud storage buckets add-iam-policy-binding "gs://$IMPORT_BUCKET" --member="serviceAccount:$IMPORT_SA" --role=roles/storage.objectUser \
  --condition="expression=resource.name.startsWith(\"projects/_/buckets/$IMPORT_BUCKET/objects/reports/\"),title=skyport-$STAGE-write-reports"
# Cloud Storage's service agent publishes the bucket's events for Eventarc.
run gcloud projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:service-$PROJECT_NUMBER@gs-project-accounts.iam.gserviceaccount.com" \
  --role=roles/pubsub.publisher
# Every object finalized in the bucket (Eventarc cannot filter on a prefix: the function skips what is not under imports/).
grant_cache_secret "$IMPORT_SA"
run gcloud functions deploy "$IMPORT_FUNCTION" "${common[@]}" --source="$SOURCE/import" \
  --set-env-vars="$env_vars,SKYPORT_IMPORT_MAX_BYTES=104857600$cache_vars" "${cache[@]}" --entry-point=import \
  --trigger-event-filters=type=google.cloud.storage.object.v1.finalized --trigger-event-filters=bucket="$IMPORT_BUCKET" --trigger-location="$REGION" \
  --trigger-service-account="$INVOKER_SA" --retry --no-allow-unauthenticated \
  --memory=512Mi --max-instances=10 --timeout=540s --service-account="$IMPORT_SA"
run gcloud functions add-invoker-policy-binding "$IMPORT_FUNCTION" --region="$REGION" --member="serviceAccount:$INVOKER_SA" --project="$PROJECT"
# An upload that failed every delivery (cut off by the timeout, or the store down) lands in the dead-letter topic, under its alert.
lookup IMPORT_TRIGGER gcloud functions describe "$IMPORT_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --format='value(eventTrigger.trigger)'
lookup IMPORT_SUBSCRIPTION gcloud eventarc triggers describe "$IMPORT_TRIGGER" --location="$REGION" --project="$PROJECT" \
  --format='value(transport.pubsub.subscription)'
run gcloud pubsub subscriptions update "$IMPORT_SUBSCRIPTION" --dead-letter-topic="$DEAD_LETTER_TOPIC" \
  --max-delivery-attempts="$MAX_DELIVERY_ATTEMPTS" --min-retry-delay=10s --max-retry-delay=600s --project="$PROJECT"
run gcloud pubsub subscriptions add-iam-policy-binding "$IMPORT_SUBSCRIPTION" --member="$pubsub_agent" --role=roles/pubsub.subscriber --project="$PROJECT"

echo "== Cloud Monitoring: an alert as soon as a message waits in $DEAD_LETTER_TOPIC" >&2
channels="[]"
if [[ -n "$ALERT_EMAIL" ]]; then
  lookup CHANNEL gcloud beta monitoring channels list --project="$PROJECT" \
    --filter="type=\"email\" AND labels.email_address=\"$ALERT_EMAIL\"" --format='value(name)' --limit=1
  channel_create=(gcloud beta monitoring channels create --type=email --display-name="$ALERT_CHANNEL"
    --channel-labels=email_address="$ALERT_EMAIL" --project="$PROJECT" --format='value(name)')
  if [[ "$DRY_RUN" == true ]]; then
    echo "[[ -n \"\$CHANNEL\" ]] || CHANNEL=\$($(run "${channel_create[@]}"))"
  elif [[ -z "$CHANNEL" ]]; then
    CHANNEL="$("${channel_create[@]}")"
  fi
  channels="[\"$CHANNEL\"]"
fi
# The dead-letter subscription's num_undelivered_messages: above 0 while a lost message waits there.
# One line, so that --dry-run prints it as a word in which "$CHANNEL" still expands.
policy="$(tr -d '\n' <<EOF
{"displayName": "$ALERT_POLICY", "combiner": "OR", "notificationChannels": $channels,
 "documentation": {"mimeType": "text/markdown", "content": "A message of $TOPIC, or an order's Firestore change event, failed $MAX_DELIVERY_ATTEMPTS deliveries and waits in the subscription $DEAD_LETTER_TOPIC: an order was not confirmed. See deploy/gcp/README.md, Queue semantics."},
 "conditions": [{"displayName": "messages in $DEAD_LETTER_TOPIC",
  "conditionThreshold": {"filter": "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"$DEAD_LETTER_TOPIC\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\"",
   "comparison": "COMPARISON_GT", "thresholdValue": 0, "duration": "0s",
   "aggregations": [{"alignmentPeriod": "300s", "perSeriesAligner": "ALIGN_MAX"}]}}]}
EOF
)"
lookup POLICY gcloud alpha monitoring policies list --project="$PROJECT" --filter="displayName=\"$ALERT_POLICY\"" --format='value(name)' --limit=1
policy_create=(gcloud alpha monitoring policies create --policy="$policy" --project="$PROJECT")
policy_update=(gcloud alpha monitoring policies update "$POLICY" --policy="$policy" --project="$PROJECT")
if [[ "$DRY_RUN" == true ]]; then
  echo "if [[ -z \"\$POLICY\" ]]; then $(run "${policy_create[@]}"); else $(run "${policy_update[@]}"); fi"
elif [[ -z "$POLICY" ]]; then
  "${policy_create[@]}"
else
  "${policy_update[@]}"
fi

lookup URL gcloud functions describe "$HTTP_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --format='value(serviceConfig.uri)'
echo "== Done. The order service: $URL" >&2
echo "   Run the HTTP contract against it: SKYPORT_BASE_URL=$URL npm run test:contract" >&2
