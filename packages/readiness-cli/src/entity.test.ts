import { entityNameFromFolder, pickEntity, withLocation } from './entity';

describe('entityNameFromFolder', () => {
  it('makes a valid entity name of any folder name', () => {
    expect(entityNameFromFolder('/src/payments-api')).toBe('payments-api');
    expect(entityNameFromFolder('/src/My Service (v2)')).toBe('My-Service-v2');
    expect(entityNameFromFolder('/src/.hidden_')).toBe('hidden');
    expect(entityNameFromFolder('/src/___')).toBe('unnamed');
    expect(entityNameFromFolder(`/src/${'a'.repeat(80)}`)).toHaveLength(63);
  });
});

describe('pickEntity', () => {
  const file = `apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
---
apiVersion: backstage.io/v1alpha1
kind: component
metadata: { name: cart }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
`;
  it('takes the first Component, or the one --name names', () => {
    expect(pickEntity(file, 'f.yaml').metadata.name).toBe('cart');
    expect(pickEntity(file, 'f.yaml', 'CHECKOUT').metadata.name).toBe(
      'checkout',
    );
    expect(pickEntity(file, 'f.yaml', 'shop').kind).toBe('System');
  });
  it('names the file and the problem', () => {
    expect(() => pickEntity('', 'f.yaml')).toThrow(
      'f.yaml holds no catalog entity',
    );
    expect(() =>
      pickEntity('kind: Component\nmetadata: {name: x}\n', 'f.yaml'),
    ).toThrow('Invalid entity in f.yaml: apiVersion is missing');
    expect(() => pickEntity('a: [', 'f.yaml')).toThrow(
      /^Invalid YAML in f.yaml at line 1: /,
    );
  });
});

describe('withLocation', () => {
  it('sets the location annotations the catalog would, keeping the others', () => {
    const entity = withLocation(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'cart',
          annotations: { 'pagerduty.com/service-id': 'P1' },
        },
      },
      'services/cart/catalog-info.yaml',
    );
    expect(entity.metadata.annotations).toEqual({
      'pagerduty.com/service-id': 'P1',
      'backstage.io/managed-by-location':
        'file:services/cart/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'file:services/cart/catalog-info.yaml',
    });
  });
});
