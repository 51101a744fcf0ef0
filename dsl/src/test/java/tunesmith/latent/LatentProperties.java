package tunesmith.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The laws of latent arithmetic and interpolation. */
class LatentProperties {

    private static final double EPS = 1e-9;

    @Provide
    Arbitrary<Latent[]> pairs() {
        return Arbitraries.integers().between(1, 12).flatMap(d -> {
            Arbitrary<Latent> v = Arbitraries.doubles().between(-10, 10).array(double[].class).ofSize(d).map(Latent::of);
            return Combinators.combine(v, v).as((a, b) -> new Latent[]{a, b});
        });
    }

    @Property
    void plusThenMinusIsIdentity(@ForAll("pairs") Latent[] p) {
        assertClose(p[0], p[0].plus(p[1]).minus(p[1]), 1e-9);
    }

    @Property
    void slerpEndsAreTheEnds(@ForAll("pairs") Latent[] p) {
        assertEquals(p[0], p[0].slerp(p[1], 0));
        assertEquals(p[1], p[0].slerp(p[1], 1));
    }

    @Property
    void slerpKeepsNormsBetween(@ForAll("pairs") Latent[] p, @ForAll @DoubleRange(min = 0, max = 1) double t) {
        Latent a = p[0], b = p[1];
        Assume.that(a.norm() > 1e-6 && b.norm() > 1e-6 && a.cosine(b) > -0.999); // opposite directions have no arc
        double n = a.slerp(b, t).norm();
        assertTrue(n >= Math.min(a.norm(), b.norm()) - 1e-9 && n <= Math.max(a.norm(), b.norm()) + 1e-9,
                () -> "norm " + n + " outside " + a.norm() + ".." + b.norm());
    }

    @Property
    void slerpOfEqualNormsStaysOnTheSphereAndMovesEvenly(@ForAll("pairs") Latent[] p, @ForAll @DoubleRange(min = 0, max = 1) double t) {
        Latent a = p[0], b = p[1];
        Assume.that(a.norm() > 1e-3 && b.norm() > 1e-3 && a.cosine(b) > -0.99 && a.cosine(b) < 0.99);
        Latent bb = b.times(a.norm() / b.norm());
        Latent s = a.slerp(bb, t);
        assertEquals(a.norm(), s.norm(), 1e-9 * (1 + a.norm()));
        double omega = Math.acos(a.cosine(bb));
        assertEquals(t * omega, Math.acos(Math.max(-1, Math.min(1, a.cosine(s)))), 1e-6); // constant angular speed
    }

    @Property
    void meanOfOneIsItself(@ForAll("pairs") Latent[] p) {
        assertEquals(p[0], Latent.mean(List.of(p[0])));
    }

    @Property
    void meanOfTwoIsTheMidpoint(@ForAll("pairs") Latent[] p) {
        assertClose(p[0].lerp(p[1], 0.5), Latent.mean(List.of(p[0], p[1])), 1e-9);
    }

    @Property
    void distanceIsTheNormOfTheDifferenceAndSymmetric(@ForAll("pairs") Latent[] p) {
        assertEquals(p[0].minus(p[1]).norm(), p[0].distance(p[1]), EPS * 100);
        assertEquals(p[0].distance(p[1]), p[1].distance(p[0]), 0);
    }

    @Property
    void timesScalesTheNorm(@ForAll("pairs") Latent[] p, @ForAll @DoubleRange(min = -5, max = 5) double s) {
        assertEquals(Math.abs(s) * p[0].norm(), p[0].times(s).norm(), 1e-9 * (1 + p[0].norm()));
    }

    @Property
    void cosineIsBetweenMinusOneAndOne(@ForAll("pairs") Latent[] p) {
        double c = p[0].cosine(p[1]);
        assertTrue(c >= -1 && c <= 1);
    }

    @Property
    void equalValuesAreEqualWithEqualHashes(@ForAll("pairs") Latent[] p) {
        Latent copy = Latent.of(p[0].toArray());
        assertEquals(p[0], copy);
        assertEquals(p[0].hashCode(), copy.hashCode());
    }

    @Test
    void errorsSayWhatAndWhy() {
        var e = assertThrows(IllegalArgumentException.class, () -> Latent.of(1, 2).plus(Latent.of(1, 2, 3)));
        assertTrue(e.getMessage().contains("2 and 3 components") && e.getMessage().contains("different models"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Latent.of(1, Double.NaN));
        assertTrue(e.getMessage().contains("component 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Latent.of(1, 0).slerp(Latent.of(0, 1), 1.5));
        assertTrue(e.getMessage().contains("0..1"), e.getMessage());
    }

    @Test
    void toStringIsShort() {
        assertEquals("Latent(5: 1.00, -2.00, 0.500, 0.00, ... |z| 2.74)", Latent.of(1, -2, 0.5, 0, 1.5).toString());
    }

    private static void assertClose(Latent expected, Latent actual, double tol) {
        assertEquals(expected.dimension(), actual.dimension());
        for (int i = 0; i < expected.dimension(); i++) assertEquals(expected.get(i), actual.get(i), tol * (1 + Math.abs(expected.get(i))));
    }
}
