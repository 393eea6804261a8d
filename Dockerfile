# autotrainer: the self-healing Keras training step (CLI `autotrainer-keras`, KFP launcher).
#
#   docker build -t ghcr.io/autotrainer/autotrainer:0.1.0 .
#   docker build --build-arg LOCK=requirements-runtime-gpu.lock \
#       -t ghcr.io/autotrainer/autotrainer:0.1.0-gpu .
#
# The dependencies are the hash-checked image locks (`make lock`, from requirements-image.in):
# the MLflow tracking client only (mlflow-skinny), no MLflow server stack, no docker SDK.
# requirements-runtime.lock holds tensorflow-cpu, requirements-runtime-gpu.lock
# tensorflow[and-cuda] with its CUDA wheels. See docs/deploy.md for pushing and using the image.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG LOCK=requirements-runtime.lock
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
COPY requirements-runtime.lock requirements-runtime-gpu.lock /tmp/
RUN pip install --require-hashes --no-deps -r "/tmp/${LOCK}"
WORKDIR /src
COPY pyproject.toml README.md ./
COPY component ./component
RUN pip install --no-deps . && python -c "import autotrainer_keras.kfp.launcher"

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="autotrainer" \
      org.opencontainers.image.description="Self-healing Keras training step: detect, repair, record in MLflow" \
      org.opencontainers.image.source="https://github.com/autotrainer/autotrainer" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    MPLBACKEND=Agg \
    TF_CPP_MIN_LOG_LEVEL=2 \
    HOME=/home/autotrainer
# A fixed non-root user; group 0 and group-writable directories also suit a random UID
# (OpenShift). The KFP launcher puts input artifacts under /gcs, /minio, /s3 and /oci.
RUN useradd --uid 10001 --gid 0 --create-home --home-dir /home/autotrainer autotrainer \
    && mkdir -p /gcs /minio /s3 /oci /work \
    && chown 10001:0 /gcs /minio /s3 /oci /work /home/autotrainer \
    && chmod 0775 /gcs /minio /s3 /oci /work /home/autotrainer
COPY --from=build /opt/venv /opt/venv
USER 10001:0
WORKDIR /work
ENTRYPOINT ["autotrainer-keras"]
CMD ["--help"]
