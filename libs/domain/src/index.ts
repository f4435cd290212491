export * from './lib/operator-account.model';
export * from './lib/staff.model';
export * from './lib/staff-assignment.model';
export * from './lib/label.model';
export * from './lib/ad-group.model';
export * from './lib/custom-attribute.model';
export * from './lib/drift.model';
