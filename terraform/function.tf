# Runtime nodejs22: the code targets Node.js 20+ (package.json engines) and runs unchanged on 22;
# Node.js 20 reaches end of life in April 2026, so the deployed runtime is the next LTS.
resource "google_cloudfunctions2_function" "gardener" {
  project     = var.project_id
  name        = var.function_name
  location    = var.region
  description = "Reads Cloud Run logs, groups them into problems and keeps one GitHub issue per problem."
  labels      = var.labels

  build_config {
    runtime         = "nodejs22"
    entry_point     = "logGardener"
    service_account = google_service_account.build.id
    # The bundle holds compiled code; without this the buildpack would run `npm run build` (tsc) on it.
    environment_variables = {
      GOOGLE_NODE_RUN_SCRIPTS = ""
    }
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.bundle.name
      }
    }
  }

  service_config {
    # One sweep at a time: one instance, and the instance answers 409 to a second request while a
    # sweep runs (hence concurrency above 1, which needs at least one vCPU).
    max_instance_count               = 1
    min_instance_count               = 0
    max_instance_request_concurrency = 4
    available_cpu                    = var.function_cpu
    available_memory                 = var.function_memory
    timeout_seconds                  = var.function_timeout_seconds
    # Reachable from Cloud Scheduler and from on-call's shell, but only with an identity token that
    # carries roles/run.invoker on this function (iam.tf); there is no public binding.
    ingress_settings               = "ALLOW_ALL"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.runtime.email

    environment_variables = merge(
      {
        GOOGLE_CLOUD_PROJECT = var.project_id
        # Read through the Cloud Run log view: the runtime may read nothing else (logging-view.tf).
        LOGGING_VIEW      = local.log_view_name
        GITHUB_REPOSITORY = var.github_repository
        GITHUB_APP_ID     = var.github_app_id
        GITHUB_API_URL    = var.github_api_url
        LOG_LEVEL         = var.log_level
      },
      var.github_installation_id != "" ? { GITHUB_INSTALLATION_ID = var.github_installation_id } : {},
    )

    # The App's key, resolved by the platform at instance start; never in Terraform state.
    secret_environment_variables {
      key        = "GITHUB_APP_PRIVATE_KEY"
      project_id = var.project_id
      secret     = google_secret_manager_secret.github_app_key.secret_id
      version    = var.github_app_key_version
    }
  }

  depends_on = [
    google_project_service.required,
    google_project_iam_member.runtime_reads_logs,
    google_logging_log_view.cloud_run,
    google_secret_manager_secret_iam_member.runtime_reads_app_key,
    google_project_iam_member.build_writes_logs,
    google_project_iam_member.build_pushes_images,
    google_storage_bucket_iam_member.build_reads_source,
  ]
}
