package io.segkit.testdata;

import java.util.SplittableRandom;

/**
 * An ellipsoid (an ellipse when 2D) in calibrated coordinates: centre, three semi-axes and the
 * unit vectors of its principal axes. A point p is inside when {@link #rho2} is at most 1.
 */
record Ellipsoid(double cx, double cy, double cz, double[] radii, double[][] axes) {

	/** Squared normalised distance from the centre: 1 on the surface. */
	double rho2(double x, double y, double z) {
		double dx = x - cx, dy = y - cy, dz = z - cz;
		double sum = 0;
		for (int i = 0; i < 3; i++) {
			double[] a = axes[i];
			double t = (a[0] * dx + a[1] * dy + a[2] * dz) / radii[i];
			sum += t * t;
		}
		return sum;
	}

	/** Half the extent of the bounding box along world axis j (0 = x, 1 = y, 2 = z). */
	double halfExtent(int j) {
		double sum = 0;
		for (int i = 0; i < 3; i++) {
			double v = axes[i][j] * radii[i];
			sum += v * v;
		}
		return Math.sqrt(sum);
	}

	/** Distance from the centre to the surface along unit direction u. */
	double radiusAlong(double[] u) {
		double sum = 0;
		for (int i = 0; i < 3; i++) {
			double t = (axes[i][0] * u[0] + axes[i][1] * u[1] + axes[i][2] * u[2]) / radii[i];
			sum += t * t;
		}
		return 1 / Math.sqrt(sum);
	}

	Ellipsoid movedTo(double x, double y, double z) {
		return new Ellipsoid(x, y, z, radii, axes);
	}

	/** The point at normalised body coordinates (u0, u1, u2) (each axis scaled by its radius). */
	double[] bodyPoint(double u0, double u1, double u2) {
		double[] u = { u0 * radii[0], u1 * radii[1], u2 * radii[2] };
		double[] p = { cx, cy, cz };
		for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) p[j] += axes[i][j] * u[i];
		return p;
	}

	/** Principal axes of a random orientation: about z only in 2D, uniform over rotations in 3D. */
	static double[][] randomAxes(SplittableRandom random, boolean is3D) {
		if (!is3D) {
			double angle = random.nextDouble() * Math.PI;
			double c = Math.cos(angle), s = Math.sin(angle);
			return new double[][] { { c, s, 0 }, { -s, c, 0 }, { 0, 0, 1 } };
		}
		// Shoemake's uniform random unit quaternion, turned into a rotation matrix.
		double u1 = random.nextDouble(), u2 = random.nextDouble() * 2 * Math.PI,
			u3 = random.nextDouble() * 2 * Math.PI;
		double a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
		double qw = a * Math.sin(u2), qx = a * Math.cos(u2), qy = b * Math.sin(u3), qz = b * Math.cos(u3);
		return new double[][] {
			{ 1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw) },
			{ 2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw) },
			{ 2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy) } };
	}

	/** A random unit direction: in the xy plane in 2D, uniform on the sphere in 3D. */
	static double[] randomDirection(SplittableRandom random, boolean is3D) {
		if (!is3D) {
			double angle = random.nextDouble() * 2 * Math.PI;
			return new double[] { Math.cos(angle), Math.sin(angle), 0 };
		}
		double z = 2 * random.nextDouble() - 1, angle = random.nextDouble() * 2 * Math.PI;
		double r = Math.sqrt(1 - z * z);
		return new double[] { r * Math.cos(angle), r * Math.sin(angle), z };
	}
}
