#!/usr/bin/env bash
# Removes one stage of Skyport's order service from a Google Cloud project: everything deploy.sh
# created, by the same names. The Firestore database is kept unless --delete-data: it holds the
# orders, and deploy.sh turned its delete protection on.
#
#   deploy/gcp/teardown.sh --project=my-project [--stage=dev] [--region=europe-west1] [--delete-data] [--dry-run]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'EOF'
Usage: deploy/gcp/teardown.sh --project=PROJECT [options]

  --project=ID     Google Cloud project (default: $GOOGLE_CLOUD_PROJECT)
  --stage=NAME     the stage deploy.sh deployed (default: dev)
  --region=REGION  where its functions and scheduler job are (default: europe-west1)
  --database=ID    its Firestore database (default: skyport-STAGE)
  --delete-data    also turn off the database's delete protection and delete it, with the orders
  --dry-run        print the gcloud commands instead of running them
EOF
}

PROJECT="${GOOGLE_CLOUD_PROJECT:-}"
STAGE="dev"
REGION="europe-west1"
DATABASE=""
DELETE_DATA=false
DRY_RUN=false

for arg in "$@"; do
  case "$arg" in
    --project=*) PROJECT="${arg#*=}" ;;
    --stage=*) STAGE="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --database=*) DATABASE="${arg#*=}" ;;
    --delete-data) DELETE_DATA=true ;;
    --dry-run) DRY_RUN=true ;;
    -h | --help) usage && exit 0 ;;
    *) echo "teardown.sh: unknown argument: $arg" >&2 && usage >&2 && exit 2 ;;
  esac
done
[[ -n "$PROJECT" ]] || { echo "teardown.sh: --project (or GOOGLE_CLOUD_PROJECT) is required" >&2; exit 2; }
DATABASE="${DATABASE:-skyport-$STAGE}"

# The names of everything deploy.sh creates and teardown.sh deletes, and run(): one file for both.
# shellcheck source=SCRIPTDIR/names.sh
source "$here/names.sh"

# Deletes a resource if its describe command finds it: `check -- delete`.
delete_if_exists() {
  local -a check=() delete=()
  while [[ "$1" != "--" ]]; do check+=("$1") && shift; done
  shift
  delete=("$@")
  if [[ "$DRY_RUN" == true ]]; then
    echo "if $(run "${check[@]}") >/dev/null 2>&1; then $(run "${delete[@]}"); fi"
  elif "${check[@]}" >/dev/null 2>&1; then
    "${delete[@]}"
  fi
}

# Deletes every monitoring object a list command names: `list -- delete-command-without-the-name`.
delete_listed() {
  local -a list=() delete=()
  while [[ "$1" != "--" ]]; do list+=("$1") && shift; done
  shift
  delete=("$@")
  if [[ "$DRY_RUN" == true ]]; then
    echo "for name in \$($(run "${list[@]}")); do $(run "${delete[@]}") \"\$name\"; done"
  else
    local name
    for name in $("${list[@]}"); do "${delete[@]}" "$name"; done
  fi
}

if [[ "$DRY_RUN" == true ]]; then
  echo "set -euo pipefail"
else
  command -v gcloud >/dev/null || { echo "teardown.sh: the Google Cloud CLI (gcloud) is needed" >&2; exit 1; }
fi

echo "== Cloud Scheduler job" >&2
delete_if_exists gcloud scheduler jobs describe "$CLEANUP_JOB" --location="$REGION" --project="$PROJECT" -- \
  gcloud scheduler jobs delete "$CLEANUP_JOB" --location="$REGION" --project="$PROJECT" --quiet

echo "== Functions (the queue function's Eventarc trigger and its subscription go with it)" >&2
for fn in "$HTTP_FUNCTION" "$QUEUE_FUNCTION" "$CLEANUP_FUNCTION" "$OUTBOX_FUNCTION"; do
  delete_if_exists gcloud functions describe "$fn" --gen2 --region="$REGION" --project="$PROJECT" -- \
    gcloud functions delete "$fn" --gen2 --region="$REGION" --project="$PROJECT" --quiet
done

echo "== Pub/Sub: the dead-letter subscription and both topics" >&2
delete_if_exists gcloud pubsub subscriptions describe "$DEAD_LETTER_TOPIC" --project="$PROJECT" -- \
  gcloud pubsub subscriptions delete "$DEAD_LETTER_TOPIC" --project="$PROJECT" --quiet
for topic in "$TOPIC" "$DEAD_LETTER_TOPIC"; do
  delete_if_exists gcloud pubsub topics describe "$topic" --project="$PROJECT" -- \
    gcloud pubsub topics delete "$topic" --project="$PROJECT" --quiet
done

echo "== Shipments: the ship function, its push subscription and topic" >&2
delete_if_exists gcloud functions describe "$SHIP_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" -- \
  gcloud functions delete "$SHIP_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --quiet
delete_if_exists gcloud pubsub subscriptions describe "$SHIPMENTS_SUBSCRIPTION" --project="$PROJECT" -- \
  gcloud pubsub subscriptions delete "$SHIPMENTS_SUBSCRIPTION" --project="$PROJECT" --quiet
delete_if_exists gcloud pubsub topics describe "$SHIPMENTS_TOPIC" --project="$PROJECT" -- \
  gcloud pubsub topics delete "$SHIPMENTS_TOPIC" --project="$PROJECT" --quiet
delete_if_exists gcloud iam service-accounts describe "$SHIP_SA" --project="$PROJECT" -- \
  gcloud projects remove-iam-policy-binding "$PROJECT" --member="serviceAccount:$SHIP_SA" --role=roles/datastore.user --all --quiet
delete_if_exists gcloud iam service-accounts describe "$SHIP_SA" --project="$PROJECT" -- \
  gcloud iam service-accounts delete "$SHIP_SA" --project="$PROJECT" --quiet

echo "== Bulk import: the import function, its service account and bindings (the bucket is data: --delete-data)" >&2
delete_if_exists gcloud functions describe "$IMPORT_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" -- \
  gcloud functions delete "$IMPORT_FUNCTION" --gen2 --region="$REGION" --project="$PROJECT" --quiet
delete_if_exists gcloud iam service-accounts describe "$IMPORT_SA" --project="$PROJECT" -- \
  gcloud projects remove-iam-policy-binding "$PROJECT" --member="serviceAccount:$IMPORT_SA" --role=roles/datastore.user --all --quiet
delete_if_exists gcloud iam service-accounts describe "$IMPORT_SA" --project="$PROJECT" -- \
  gcloud iam service-accounts delete "$IMPORT_SA" --project="$PROJECT" --quiet
# Cloud Storage's service agent published the bucket's events for Eventarc (deploy.sh granted it).
number=(gcloud projects describe "$PROJECT" --format='value(projectNumber)')
if [[ "$DRY_RUN" == true ]]; then
  echo "PROJECT_NUMBER=\$($(run "${number[@]}"))"
  PROJECT_NUMBER="\$PROJECT_NUMBER"
else
  PROJECT_NUMBER="$("${number[@]}")"
fi
run gcloud projects remove-iam-policy-binding "$PROJECT" --member="serviceAccount:service-$PROJECT_NUMBER@gs-project-accounts.iam.gserviceaccount.com" \
  --role=roles/pubsub.publisher --quiet

echo "== Cloud Monitoring: the dead-letter alert policy and its e-mail channel" >&2
delete_listed gcloud alpha monitoring policies list --project="$PROJECT" --filter="displayName=\"$ALERT_POLICY\"" --format='value(name)' -- \
  gcloud alpha monitoring policies delete --project="$PROJECT" --quiet
delete_listed gcloud beta monitoring channels list --project="$PROJECT" --filter="displayName=\"$ALERT_CHANNEL\"" --format='value(name)' -- \
  gcloud beta monitoring channels delete --project="$PROJECT" --force --quiet

echo "== Service accounts, and the project's conditional datastore.user bindings of the functions' own" >&2
for sa in "$HTTP_SA" "$QUEUE_SA" "$CLEANUP_SA"; do
  delete_if_exists gcloud iam service-accounts describe "$sa" --project="$PROJECT" -- \
    gcloud projects remove-iam-policy-binding "$PROJECT" --member="serviceAccount:$sa" --role=roles/datastore.user --all --quiet
done
delete_if_exists gcloud iam service-accounts describe "$INVOKER_SA" --project="$PROJECT" -- \
  gcloud projects remove-iam-policy-binding "$PROJECT" --member="serviceAccount:$INVOKER_SA" --role=roles/eventarc.eventReceiver --quiet
for sa in "$HTTP_SA" "$QUEUE_SA" "$CLEANUP_SA" "$OUTBOX_SA" "$INVOKER_SA"; do
  delete_if_exists gcloud iam service-accounts describe "$sa" --project="$PROJECT" -- \
    gcloud iam service-accounts delete "$sa" --project="$PROJECT" --quiet
done

if [[ "$DELETE_DATA" == true ]]; then
  echo "== Firestore database $DATABASE: delete protection off, then deleted with every order" >&2
  delete_if_exists gcloud firestore databases describe --database="$DATABASE" --project="$PROJECT" -- \
    gcloud firestore databases update --database="$DATABASE" --no-delete-protection --project="$PROJECT"
  delete_if_exists gcloud firestore databases describe --database="$DATABASE" --project="$PROJECT" -- \
    gcloud firestore databases delete --database="$DATABASE" --project="$PROJECT" --quiet
  echo "== Import bucket gs://$IMPORT_BUCKET: deleted with every import file, version and report" >&2
  delete_if_exists gcloud storage buckets describe "gs://$IMPORT_BUCKET" --project="$PROJECT" -- \
    gcloud storage rm --recursive "gs://$IMPORT_BUCKET" --project="$PROJECT" --quiet
else
  echo "== Kept: Firestore database $DATABASE (delete protection on; --delete-data deletes it) and bucket gs://$IMPORT_BUCKET" >&2
fi
echo "== Also kept: the enabled APIs, and the functions' build images and sources in Artifact Registry's" >&2
echo "   gcf-artifacts repository and the gcf-v2-sources bucket, which every function of the region shares" >&2
