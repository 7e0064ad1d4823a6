# The unprivileged half of the Cloud Build pipeline (cloudbuild.yaml): installs, tests and builds the
# package as log-gardener-ci, which can write its build logs and add bundles to the artifacts bucket,
# and nothing else. The deploy (cloudbuild-deploy.yaml) runs as a separate, privileged identity and
# never runs the packages' code; it only reads the bundle stored here for the commit it deploys.

resource "google_service_account" "ci" {
  project      = var.project_id
  account_id   = "${var.function_name}-ci"
  display_name = "log-gardener build and test"
  description  = "Identity of the Cloud Build trigger on cloudbuild.yaml: runs npm ci, the tests and the build; stores the bundle."
  depends_on   = [google_project_service.required]
}

resource "google_storage_bucket" "artifacts" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.function_name}-bundles"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = var.labels

  # Bundles are only needed until their commit is deployed.
  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.required]
}

# Create only: objectCreator cannot overwrite or delete, so a build cannot replace a bundle already
# stored for a commit.
resource "google_storage_bucket_iam_member" "ci_stores_bundles" {
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.objectCreator"
  member = google_service_account.ci.member
}

# Build logs (the build uses CLOUD_LOGGING_ONLY); writing log entries has no narrower scope.
resource "google_project_iam_member" "ci_writes_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.ci.member
}
