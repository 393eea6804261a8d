# The MLflow server image of the production overlay: the official image plus the PostgreSQL
# driver and the S3 client its stores need (the official image ships neither).
FROM ghcr.io/mlflow/mlflow:v3.17.2
RUN pip install --no-cache-dir psycopg2-binary==2.9.10 boto3==1.38.0
USER 10001
