#!/bin/sh
# A STAND-IN for SLURM's sbatch, for trying a job-array script on a machine without SLURM: it reads the
# script's "#SBATCH --array=A-B" and "#SBATCH --cpus-per-task=N" lines and runs the script once per array
# task, one after the other, with SLURM_ARRAY_TASK_ID (and SLURM_CPUS_PER_TASK) set as SLURM would.
# It exits 1 if any task failed. Usage: scripts/sbatch-standin.sh JOB_SCRIPT
script=${1:?usage: sbatch-standin.sh JOB_SCRIPT}
range=$(sed -n 's/^#SBATCH --array=\([0-9]*-[0-9]*\).*/\1/p' "$script")
[ -n "$range" ] || { echo "sbatch-standin: no '#SBATCH --array=A-B' line in $script" >&2; exit 2; }
cpus=$(sed -n 's/^#SBATCH --cpus-per-task=\([0-9]*\).*/\1/p' "$script")
status=0
for id in $(seq "${range%-*}" "${range#*-}"); do
  echo "sbatch-standin: array task $id"
  SLURM_ARRAY_TASK_ID=$id SLURM_CPUS_PER_TASK=${cpus:-1} sh "$script" || { echo "sbatch-standin: task $id failed (exit $?)" >&2; status=1; }
done
exit $status
