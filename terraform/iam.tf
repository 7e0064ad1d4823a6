# Least privilege: every grant names the one resource it concerns. No basic roles, nothing for
# allUsers/allAuthenticatedUsers. The only project-level grants are those Google offers no narrower
# scope for (build logs, image pushes) and the log view grant, which its condition narrows to one view.

# Read access to the Cloud Run log view only (logging-view.tf), as Google documents it for views: the
# role on the project, with a condition on the view's resource name. Without the condition the role
# would open every view of every bucket in the project.
resource "google_project_iam_member" "runtime_reads_logs" {
  project = var.project_id
  role    = "roles/logging.viewAccessor"
  member  = google_service_account.runtime.member

  condition {
    title       = "log-gardener-cloud-run-view"
    description = "Only the Cloud Run log view log-gardener reads through."
    expression  = "resource.name == \"${local.log_view_name}\""
  }
}

resource "google_secret_manager_secret_iam_member" "runtime_reads_app_key" {
  project   = google_secret_manager_secret.github_app_key.project
  secret_id = google_secret_manager_secret.github_app_key.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.runtime.member
}

# The function is invoked through its Cloud Run service; only the scheduler's identity may call it.
# Authoritative for the role on this one service: an invoker someone added by hand (allUsers after a
# debugging session, a colleague) is removed at the next apply. On-call runs an ad-hoc sweep with an
# identity token of the scheduler's account (impersonation, README), so nothing needs adding here.
resource "google_cloud_run_service_iam_binding" "invokers" {
  project  = var.project_id
  location = google_cloudfunctions2_function.gardener.location
  service  = google_cloudfunctions2_function.gardener.service_config[0].service
  role     = "roles/run.invoker"
  members  = [google_service_account.scheduler.member]
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
