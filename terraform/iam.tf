# Least privilege: one project-level role (reading logs has no narrower scope); everything else is
# granted on the one resource it concerns. No basic roles, nothing for allUsers/allAuthenticatedUsers.

resource "google_project_iam_member" "runtime_reads_logs" {
  project = var.project_id
  role    = "roles/logging.viewer"
  member  = google_service_account.runtime.member
}

resource "google_secret_manager_secret_iam_member" "runtime_reads_app_key" {
  project   = google_secret_manager_secret.github_app_key.project
  secret_id = google_secret_manager_secret.github_app_key.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.runtime.member
}

# The function is invoked through its Cloud Run service; only the scheduler's identity may call it.
resource "google_cloud_run_service_iam_member" "scheduler_invokes_function" {
  project  = var.project_id
  location = google_cloudfunctions2_function.gardener.location
  service  = google_cloudfunctions2_function.gardener.service_config[0].service
  role     = "roles/run.invoker"
  member   = google_service_account.scheduler.member
}

# What the function build needs: write build logs, push the image, read the source bundle.
resource "google_project_iam_member" "build_writes_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.build.member
}

resource "google_project_iam_member" "build_pushes_images" {
  project = var.project_id
  role    = "roles/artifactregistry.writer"
  member  = google_service_account.build.member
}

resource "google_storage_bucket_iam_member" "build_reads_source" {
  bucket = google_storage_bucket.source.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.build.member
}
